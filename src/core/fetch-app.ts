/**
 * The HTTP server's logic as a fetch handler (Request in, Response out), with no Node in it:
 * CORS, the `/__mockdesk/` control plane, then dispatch by path prefix to one API's handlers.
 * A request that matches no API gets mockdesk's own 404 listing the mounted APIs.
 */
import { handleControlRequest, controlPrefix, type ControlPlaneOptions } from './control-plane.ts'
import { isPreflight, preflightResponse, withCors } from './cors.ts'
import { matchRoute } from './api-handlers.ts'
import { KitError, kitErrorFrom } from './kit-error.ts'
import type { Mockdesk, MountedApi } from './mockdesk.ts'

export type FetchApp = (request: Request) => Promise<Response>

export interface FetchAppOptions {
  /**
   * Pages the server shows people (the sandbox page at `/`): a Response for a path it owns, else
   * undefined. Asked after the control plane and the APIs, so it never shadows an API.
   */
  pages?: (request: Request, url: URL) => Response | undefined | Promise<Response | undefined>
  /** Who may use the control plane, and its body limit (see control-access.ts). */
  control?: ControlPlaneOptions
}

const isControlPath = (pathname: string) => pathname === controlPrefix || pathname.startsWith(`${controlPrefix}/`)

const withinPrefix = (pathname: string, prefix: string) =>
  prefix === '' || pathname === prefix || pathname.startsWith(`${prefix}/`)

export function createFetchApp(mockdesk: Mockdesk, options: FetchAppOptions = {}): FetchApp {
  // Longest prefix first, so `/v1` served at the root cannot shadow a longer mount.
  const mounts = [...mockdesk.apis]
    .sort((a, b) => b.base.length - a.base.length)
    .map((api) => ({ api, prefix: api.base.replace(/\/$/, '') }))

  async function dispatch(request: Request, at: number): Promise<Response> {
    const url = new URL(request.url)
    if (isControlPath(url.pathname)) return handleControlRequest(request, url, mockdesk, options.control)
    const mounted = mounts.find(({ prefix }) => withinPrefix(url.pathname, prefix))?.api
    if (mounted) {
      // The mounted API's own route table: the same resolvers as its MSW handlers, matched directly.
      const response = await matchRoute(mounted.compiled, request, url.pathname, url)
      log(request, url, at, response, mounted.definition.id)
      return response
    }
    const page = request.method === 'GET' ? await options.pages?.(request, url) : undefined
    if (page) return page
    const error = noApi(request, url, mockdesk.apis)
    log(request, url, at, error)
    return error
  }

  // Calls to the APIs (and misses) are logged; the control plane and pages are not, or the
  // sandbox page's own polling would drown them.
  function log(request: Request, url: URL, at: number, response: Response, api?: string) {
    mockdesk.requests.record({ at: new Date(at).toISOString(), method: request.method, path: url.pathname + url.search, status: response.status, ms: Date.now() - at, api })
  }

  return async (request) => {
    // The control plane answers CORS for no one: a page on another origin may neither preflight
    // it nor read its answers. The APIs answer CORS for any origin, as a browser app needs.
    const control = isControlPath(new URL(request.url).pathname)
    if (isPreflight(request)) return control ? refusedPreflight() : preflightResponse(request)
    let response: Response
    try {
      response = await dispatch(request, Date.now())
    } catch (error) {
      response = kitErrorFrom(error).toResponse()
    }
    return control ? response : withCors(request, response)
  }
}

const refusedPreflight = () =>
  new KitError(
    'MOCKDESK_FORBIDDEN',
    'The control plane answers no cross-origin requests.',
    'Call it from the sandbox page the server shows at /, or from a script or curl.',
  ).toResponse()

function noApi(request: Request, url: URL, apis: MountedApi[]): Response {
  const mounted = apis.map((api) => ({ id: api.definition.id, baseUrl: url.origin + api.base }))
  const guess = apis.find((api) => url.pathname.startsWith(`/${api.definition.id}`))
  return new KitError(
    'MOCKDESK_NO_ROUTE',
    `No mounted API serves ${request.method} ${url.pathname}.`,
    guess
      ? `The ${guess.definition.id} API is mounted at ${url.origin}${guess.base}: put that before the vendor's path.`
      : `Call one of the mounted APIs at its base URL (listed in "mounted"), or /__mockdesk/health to see what is served.`,
    { mounted },
  ).toResponse()
}
