/**
 * The HTTP server's logic as a fetch handler (Request in, Response out), with no Node in it:
 * CORS, the `/__mockdesk/` control plane, then dispatch by path prefix to one API's handlers.
 * A request that matches no API gets mockdesk's own 404 listing the mounted APIs.
 */
import { checkControlAccess } from './control-access.ts'
import { handleControlRequest, controlPrefix, type ControlPlaneOptions } from './control-plane.ts'
import { isPreflight, preflightResponse, withCors } from './cors.ts'
import { matchRoute, preparedKeyOf } from './api-handlers.ts'
import { behaviourNoteOf } from './behaviour/behaviour.ts'
import { socketFaultOf } from './behaviour/faults.ts'
import { isoTime } from './iso-time.ts'
import { KitError, kitErrorFrom } from './kit-error.ts'
import { captureExchange, copyRequest, maskedPath, type RequestExchange } from './request-exchange.ts'
import type { Mockdesk, MountedApi } from './mockdesk.ts'
import { RepeatedReads, type RequestIdentity } from './repeated-reads.ts'
import type { LoggedRequest } from './request-log.ts'
import type { CachedAnswer } from './response-cache.ts'
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

export interface FetchApp {
  /**
   * Answers a request. `sent.identity` is a GET request exactly as the client sent it (the HTTP
   * server gives the URL and raw header lines): a read answered from prepared bytes is then
   * remembered under it, for `repeat`.
   */
  (request: Request, sent?: { identity: RequestIdentity }): Promise<Response>
  /**
   * The answer to a request whose identity was remembered (see repeated-reads.ts): the status,
   * headers and bytes the pipeline would give (the runtime writes them as it writes any plain
   * answer), logged as it would be; or undefined when the pipeline must run.
   */
  repeat(identity: RequestIdentity): CachedAnswer | undefined
}

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
  /** How many request identities `repeat` remembers (repeated-reads.ts); 0: none. */
  repeatedReads?: number
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
    const session = await options.sessions?.worldFor(request, url)
    if (session) mockdesk.useWorld(request, session)
    const world = session ?? mockdesk.worldOf(request)
    if (control) {
      // The control plane reads and changes every API's data (see Mockdesk.ready).
      await mockdesk.ready()
      return (await options.sessions?.control?.(request, url)) ?? handleControlRequest(request, url, mockdesk, { ...options.control, ...controlAccess(request, url) })
    }
    const mounted = mounts.find(({ prefix }) => withinPrefix(url.pathname, prefix))?.api
    if (mounted) {
      // The API's code and this world's store, on the first request that needs them.
      const preparing = mockdesk.prepare(mounted, world)
      if (preparing) await preparing
      // A page watching this world's log wants headers and bodies: the body is copied before the
      // handler reads it. Nobody watching, nothing is copied.
      const copy = world.requests.watched ? copyRequest(request) : undefined
      // The mounted API's own route table: the same resolvers as its MSW handlers, matched directly.
      const response = await matchRoute(mounted.compiled, request, url.pathname, url)
      const answeredAt = Date.now()
      const exchange = copy && !socketFaultOf(response) ? await captureExchange(copy, response).catch(() => undefined) : undefined
      const path = maskedPath(url.pathname + url.search)
      log(world, request.method, path, at, response, mounted.id, exchange, answeredAt)
      answered.set(request, { api: mounted.id, path })
      return response
    }
    const page = request.method === 'GET' ? await options.pages?.(request, url) : undefined
    if (page) return options.sessions?.decorate?.(request, url, page) ?? page
    const error = noApi(request, url, mockdesk.apis)
    log(world, request.method, maskedPath(url.pathname + url.search), at, error)
    return error
  }

  // Calls to the APIs (and misses) are logged; the control plane and pages are not, or the
  // sandbox page's own polling would drown them. Credentials in the query (`?apiKey=`) are masked
  // (`path` comes masked).
  function log(world: World, method: string, path: string, at: number, response: Response | CachedAnswer, api?: string, exchange?: RequestExchange, answeredAt = Date.now()) {
    // A prepared answer (a repeated read) passed no behaviour stage that could have noted anything.
    const note = 'clone' in response ? behaviourNoteOf(response) : undefined
    const entry: Omit<LoggedRequest, 'seq'> = { at: isoTime(at), method, path, status: response.status, ms: answeredAt - at, api }
    if (note) {
      entry.delay = note.delay || undefined
      entry.fault = note.rateLimited ? 'rate-limited' : note.fault
    }
    world.requests.record(entry, exchange)
    // Each log keeps its own copy (record), so the same entry, named, goes to the log of every world.
    if (options.sessions) {
      entry.session = world.name
      mockdesk.allRequests.record(entry)
    }
  }

  const repeatedReads = new RepeatedReads(options.repeatedReads)
  /** The API and the path as logged, of each request an API answered (for `remember`). */
  const answered = new WeakMap<Request, { api: string; path: string }>()

  /** Remembers a read answered from prepared bytes, if the same request will get the same bytes (repeated-reads.ts). */
  function remember(identity: RequestIdentity, request: Request, response: Response) {
    const cacheKey = preparedKeyOf(response)
    const logged = answered.get(request)
    if (cacheKey === undefined || logged === undefined || request.method !== 'GET') return
    const world = mockdesk.worldOf(request)
    if (world !== mockdesk.world || mockdesk.behaviour.active) return
    const { headers } = request
    if (headers.has('prefer') || headers.has('origin') || headers.has('content-length') || headers.has('transfer-encoding')) return
    repeatedReads.remember(identity, { world, version: world.version, cacheKey, api: logged.api, method: request.method, path: logged.path })
  }

  const app = async (request: Request, sent?: { identity: RequestIdentity }) => {
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
    if (sent && !control) remember(sent.identity, request, response)
    // A fault with no answer at all (a reset, a hang) has no headers to add CORS to.
    return control || socketFaultOf(response) ? response : withCors(request, response)
  }

  return Object.assign(app, {
    repeat(identity: RequestIdentity): CachedAnswer | undefined {
      if (mockdesk.behaviour.active) return undefined
      const read = repeatedReads.get(identity)
      // A page watching the log wants each exchange's headers and bodies: the pipeline captures them.
      if (read === undefined || read.world.requests.watched) return undefined
      const prepared = mockdesk.responseCache.get(read.cacheKey)
      if (prepared === undefined) {
        repeatedReads.forget(identity)
        return undefined
      }
      log(read.world, read.method, read.path, Date.now(), prepared, read.api)
      return prepared
    },
  })
}

const refusedPreflight = () =>
  new KitError(
    'MOCKDESK_FORBIDDEN',
    'The control plane answers no cross-origin requests.',
    'Call it from the sandbox page the server shows at /, or from a script or curl.',
  ).toResponse()

function noApi(request: Request, url: URL, apis: MountedApi[]): Response {
  const mounted = apis.map((api) => ({ id: api.id, baseUrl: url.origin + api.base }))
  const guess = apis.find((api) => url.pathname.startsWith(`/${api.id}`))
  return new KitError(
    'MOCKDESK_NO_ROUTE',
    `No mounted API serves ${request.method} ${url.pathname}.`,
    guess
      ? `The ${guess.id} API is mounted at ${url.origin}${guess.base}: put that before the vendor's path.`
      : `Call one of the mounted APIs at its base URL (listed in "mounted"), or /__mockdesk/health to see what is served.`,
    { mounted },
  ).toResponse()
}
