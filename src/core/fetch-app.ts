/**
 * The HTTP server's logic as a fetch handler (Request in, Response out), with no Node in it:
 * CORS, the `/__mockdesk/` control plane, then dispatch by path prefix to one API's handlers.
 * A request that matches no API gets mockdesk's own 404 listing the mounted APIs.
 */
import { checkControlAccess } from './control-access.ts'
import { handleControlRequest, controlPrefix, type ControlPlaneOptions } from './control-plane.ts'
import { isPreflight, preflightResponse, withCors } from './cors.ts'
import { matchRoute } from './api-handlers.ts'
import { behaviourNoteOf } from './behaviour/behaviour.ts'
import { socketFaultOf } from './behaviour/faults.ts'
import { KitError, kitErrorFrom } from './kit-error.ts'
import { captureExchange, copyRequest, maskedPath, type RequestExchange } from './request-exchange.ts'
import type { Mockdesk, MountedApi } from './mockdesk.ts'
import type { World } from './world.ts'

/** How the server's sessions plug in (src/node/sessions/): which world a request names. */
export interface WorldSelector {
  /** The world this request names, or undefined for the default one; throws a KitError for a bad name. */
  worldFor(request: Request, url: URL): World | undefined | Promise<World | undefined>
  /** The sessions' own control endpoints (`/__mockdesk/sessions...`): a Response, or undefined. */
  control?(request: Request, url: URL): Response | undefined | Promise<Response | undefined>
  /** Headers to add to an answer (the visitor's session cookie on the sandbox page). */
  decorate?(request: Request, url: URL, response: Response): Response
  /** Whether this control call acts only on the caller's own, unguessably named world. */
  ownWorldCall?(request: Request, url: URL): boolean
}

export type FetchApp = (request: Request) => Promise<Response>

export interface FetchAppOptions {
  /**
   * Pages the server shows people (the sandbox page at `/`): a Response for a path it owns, else
   * undefined. Asked after the control plane and the APIs, so it never shadows an API.
   */
  pages?: (request: Request, url: URL) => Response | undefined | Promise<Response | undefined>
  /** Sessions: each request answered from the world it names (default: everything from one world). */
  sessions?: WorldSelector
  /**
   * Awaited before an answer leaves: persistence makes the world's changes durable here, so a
   * write the client sees acknowledged is on disk.
   */
  settle?: (world: World) => Promise<void>
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

  /**
   * A sandbox visitor (cookie) or an API-key tenant may reset, snapshot and read the log of their
   * own world without the admin token: their session's name is unguessable, and it is theirs.
   */
  const controlAccess = (request: Request, url: URL) =>
    options.control?.adminToken !== undefined && options.sessions?.ownWorldCall?.(request, url) ? { ...options.control, adminToken: undefined } : options.control ?? {}

  async function dispatch(request: Request, at: number): Promise<Response> {
    const url = new URL(request.url)
    const control = isControlPath(url.pathname)
    // Who may use the control plane is settled before any world is made for the request.
    if (control) checkControlAccess(request, url, controlAccess(request, url))
    const world = await options.sessions?.worldFor(request, url)
    if (world) mockdesk.useWorld(request, world)
    if (control) {
      return (await options.sessions?.control?.(request, url)) ?? handleControlRequest(request, url, mockdesk, { ...options.control, ...controlAccess(request, url) })
    }
    const mounted = mounts.find(({ prefix }) => withinPrefix(url.pathname, prefix))?.api
    if (mounted) {
      // A page watching this world's log wants headers and bodies: the body is copied before the
      // handler reads it. Nobody watching, nothing is copied.
      const copy = mockdesk.worldOf(request).requests.watched ? copyRequest(request) : undefined
      // The mounted API's own route table: the same resolvers as its MSW handlers, matched directly.
      const response = await matchRoute(mounted.compiled, request, url.pathname, url)
      const answeredAt = Date.now()
      const exchange = copy && !socketFaultOf(response) ? await captureExchange(copy, response).catch(() => undefined) : undefined
      log(request, url, at, response, mounted.definition.id, exchange, answeredAt)
      return response
    }
    const page = request.method === 'GET' ? await options.pages?.(request, url) : undefined
    if (page) return options.sessions?.decorate?.(request, url, page) ?? page
    const error = noApi(request, url, mockdesk.apis)
    log(request, url, at, error)
    return error
  }

  // Calls to the APIs (and misses) are logged; the control plane and pages are not, or the
  // sandbox page's own polling would drown them. Credentials in the query (`?apiKey=`) are masked.
  function log(request: Request, url: URL, at: number, response: Response, api?: string, exchange?: RequestExchange, answeredAt = Date.now()) {
    const note = behaviourNoteOf(response)
    const world = mockdesk.worldOf(request)
    const entry = {
      at: new Date(at).toISOString(),
      method: request.method,
      path: maskedPath(url.pathname + url.search),
      status: response.status,
      ms: answeredAt - at,
      api,
      ...(note && { delay: note.delay || undefined, fault: note.rateLimited ? 'rate-limited' : note.fault }),
    }
    world.requests.record(entry, exchange)
    if (options.sessions) mockdesk.allRequests.record({ ...entry, session: world.name })
  }

  return async (request) => {
    // The control plane answers CORS for no one: a page on another origin may neither preflight
    // it nor read its answers. The APIs answer CORS for any origin, as a browser app needs.
    const control = isControlPath(new URL(request.url).pathname)
    if (isPreflight(request)) return control ? refusedPreflight() : preflightResponse(request)
    let response: Response
    try {
      response = await dispatch(request, Date.now())
      if (options.settle) await options.settle(mockdesk.worldOf(request))
    } catch (error) {
      response = kitErrorFrom(error).toResponse()
    }
    // A fault with no answer at all (a reset, a hang) has no headers to add CORS to.
    return control || socketFaultOf(response) ? response : withCors(request, response)
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
