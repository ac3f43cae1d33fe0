/**
 * A mounted vendor origin belongs to the mock entirely (msw/node, service worker): whatever under
 * it no route serves gets mockdesk's own 404, never the real network. MSW alone lets two kinds of
 * request escape: paths outside the API's base path (`https://api.toptickets.app/other`), which
 * no handler matches (and `.json` ones pass even `onUnhandledRequest: 'error'`, taken for static
 * assets), and paths whose percent-encoding is broken (`%ED%A0%80`), on which MSW's own path
 * matching throws and answers a 500 with a stack trace.
 *
 * `first` goes before every API handler and answers only the broken paths; `last` goes after
 * them all and answers what is left. Both match by a RegExp with no groups, which MSW matches
 * without decoding anything.
 */
import type { HttpHandler } from 'msw'
import { KitError } from './kit-error.ts'
import { mountedHandler } from './mounted-handler.ts'

export interface OwnedApi {
  id: string
  /** Absolute base URL the API is mounted at (`https://api.toptickets.app/v1`). */
  base: string
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^$()|[\]\\{}/]/g, '\\$&')

const decodable = (path: string) => {
  try {
    decodeURIComponent(path)
    return true
  } catch {
    return false
  }
}

function notServed(request: Request, apis: readonly OwnedApi[], why: string): Response {
  const url = new URL(request.url)
  const here = apis.filter((api) => new URL(api.base).origin === url.origin)
  return new KitError(
    'MOCKDESK_NO_ROUTE',
    `No mounted API serves ${request.method} ${url.origin}${url.pathname}${why}.`,
    `This origin belongs to the mock: call ${here.map((api) => `${api.id} at ${api.base}`).join(', ')} with a path its spec documents.`,
    { mounted: here.map((api) => ({ id: api.id, baseUrl: api.base })) },
  ).toResponse()
}

export function ownedOriginHandlers(apis: readonly OwnedApi[]): { first: HttpHandler[]; last: HttpHandler[] } {
  const origins = [...new Set(apis.filter((api) => /^https?:\/\//.test(api.base)).map((api) => new URL(api.base).origin))]
  if (origins.length === 0) return { first: [], last: [] }
  const origin = `^(${origins.map(escapeRegExp).join('|')})`
  const pattern = new RegExp(`${origin}(/|$)`, 'i')
  // Only a path with a percent sign can have broken percent-encoding: every other request passes
  // `first` untouched (mounted-handler.ts), as it would pass its resolver.
  const percentInPath = new RegExp(`${origin}/[^?#]*%`, 'i')
  const within = new RegExp(`${origin}([/?#]|$)`, 'i')
  return {
    first: [
      mountedHandler(percentInPath, pattern, ({ request }) =>
        decodable(new URL(request.url).pathname) ? undefined : notServed(request, apis, ': its path has broken percent-encoding'),
      ),
    ],
    last: [mountedHandler(within, pattern, ({ request }) => notServed(request, apis, ''))],
  }
}
