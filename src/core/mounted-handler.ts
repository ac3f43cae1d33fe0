/**
 * An MSW handler for everything under one mount (an API's base, or a whole vendor origin) that
 * costs nothing for requests outside it. MSW asks every handler in turn, and each one's `parse`
 * parses the URL and the request's cookies (the cookie store's lookup included) before its
 * pattern is even tried: with six handlers ahead of an API (one per API and the origin guard),
 * that was most of what `setupMockdesk` added to a request over a bare handler (CPU profile of
 * src/bench/in-process-probe.ts). Here a cheap test of the URL as sent comes first; only a request
 * that passes it is parsed and matched by MSW as usual.
 */
import { HttpHandler, type HttpResponseResolver } from 'msw'

class MountedHandler extends HttpHandler {
  readonly #within: RegExp

  constructor(within: RegExp, pattern: RegExp, resolver: HttpResponseResolver) {
    super(/.+/, pattern, resolver)
    this.#within = within
  }

  override async parse(args: Parameters<HttpHandler['parse']>[0]) {
    if (!this.#within.test(args.request.url)) return { match: { matches: false, params: {} }, cookies: {} }
    return super.parse(args)
  }
}

/**
 * Like `http.all(pattern, resolver)`, for requests whose URL (as sent, query included) `within`
 * matches; `within` must match every URL `pattern` does, as MSW tests `pattern` on the URL
 * without its query.
 */
export function mountedHandler(within: RegExp, pattern: RegExp, resolver: HttpResponseResolver): HttpHandler {
  return new MountedHandler(within, pattern, resolver)
}
