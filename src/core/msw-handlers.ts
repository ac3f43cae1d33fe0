/**
 * MSW's side of a compiled API (api-handlers.ts): one handler for the whole API, which answers
 * from the route table as the HTTP server does. MSW tries its handlers in turn and, for each,
 * compiles its path pattern and parses the request's cookies again (a CPU profile of
 * setupMockdesk answering a list: 40% of the time in HttpHandler.parse across ~60 per-operation
 * handlers); one handler per API with a ready RegExp leaves one cheap test per mounted API.
 * Matching rules are the route table's: case-insensitive, optional trailing slash, literal paths
 * before templates, anything else under the base is mockdesk's own 404/405 (`fallback`).
 *
 * A module of its own so that msw is loaded only where its handlers are used (msw/node, the
 * service worker): the HTTP server matches the route table itself, and importing msw cost ~30 ms
 * of its start-up (see the README's Performance section).
 */
import type { HttpHandler } from 'msw'
import { compileApi, matchRoute, type ApiHandlerOptions, type CompiledApi } from './api-handlers.ts'
import type { ApiDefinition } from './define-api.ts'
import { mountedHandler } from './mounted-handler.ts'

/** The MSW handler of a compiled API. */
export function mswHandlerOf(compiled: CompiledApi): HttpHandler {
  return mountedHandler(compiled.within, compiled.mount, ({ request }) => {
    const url = new URL(request.url)
    return matchRoute(compiled, request, url.pathname, url)
  })
}

/** MSW handlers only, for callers that need nothing else. */
export function createApiHandlers<Store>(api: ApiDefinition<any, Store>, options: ApiHandlerOptions<Store>): HttpHandler[] {
  return [mswHandlerOf(compileApi(api, options))]
}
