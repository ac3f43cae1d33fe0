/**
 * A set of mounted APIs with their worlds: the runtime-neutral heart that the service worker,
 * msw/node and the HTTP server all wrap. Each call builds its own default world (a fork of the
 * seeded images, which the process builds once per API, seed and count), so tests never share
 * state; the server's sessions add more worlds with `createWorld`.
 *
 * With `onDemand` (the HTTP server), nothing is loaded up front: an API's code is imported and
 * compiled, and its default store made, when a request to it first arrives (`prepare`); whatever
 * needs every API (the control plane, sessions, snapshots, persistence) waits for `ready()`.
 */
import type { HttpHandler } from 'msw'
import { compileApi, type CompiledApi } from './api-handlers.ts'
import { loaderOf, type ApiLoader } from './api-loader.ts'
import { createBehaviour, type Behaviour } from './behaviour/behaviour.ts'
import type { BehaviourSettings } from './behaviour/behaviour-settings.ts'
import type { ApiDefinition } from './define-api.ts'
import { RequestLog } from './request-log.ts'
import { ResponseCache } from './response-cache.ts'
import { defaultSeed } from './seeded-faker.ts'
import { createWorld, World, type MockdeskSnapshot } from './world.ts'

export type { MockdeskSnapshot } from './world.ts'

export interface MockdeskOptions {
  /** Seed for every store; the same seed gives the same data everywhere. Default 42. */
  seed?: number
  /** Primary records per API (customers, tickets); each API documents its default. */
  count?: number
  /**
   * Where each API is mounted, by id. Default: the vendor's documented base URL, which is what a
   * frontend calls and the service worker or msw/node intercepts.
   */
  base?: (api: { id: string; documentedBaseUrl: string }) => string
  /**
   * Load each API (its code, its compiled pipeline, its default store) only when first needed,
   * instead of before `createMockdesk` resolves: what lets the HTTP server answer its first request
   * before the APIs nobody called are loaded. Then `ready()` loads the rest. Default false.
   */
  onDemand?: boolean
  maxBodyBytes?: number
  /** Latency, faults and rate limits (none by default); changed later with `behave()`. */
  behaviour?: BehaviourSettings
  /** Checks behaviour settings' shape before they apply (the runtimes pass the config schema's check). */
  validateBehaviour?: (settings: unknown) => BehaviourSettings
  /**
   * Memory for prepared answers to reads, shared by the mounted APIs (response-cache.ts); the
   * least recently used are dropped beyond it. Default 32 MiB; 0 turns the cache off.
   */
  responseCacheBytes?: number
}

export interface MountedApi {
  id: string
  /** The API's definition (once loaded: see `Mockdesk.prepare`). */
  readonly definition: ApiDefinition
  /** The base the handlers answer on: an absolute URL or a path prefix. */
  base: string
  readonly handlers: HttpHandler[]
  /** The same pipeline as `handlers`, as a route table the HTTP server matches without MSW. */
  readonly compiled: CompiledApi
  /** The default world's live store of this API. */
  readonly store: unknown
}

export interface NewWorldOptions {
  /** The world's name (a session's); shown in logs and errors. */
  name: string
  /** Default: the mockdesk's seed. */
  seed?: number
  /** The most records the world may hold (all APIs together). */
  recordQuota?: number
}

export interface Mockdesk {
  apis: MountedApi[]
  /** Every handler of every mounted API, ready for setupServer/setupWorker. */
  handlers: HttpHandler[]
  /** The default world's seed. */
  seed: number
  /** The world of every request that names no other: all there is without sessions. */
  world: World
  /** Rebuilds the default world from the seed (a new seed if given); handlers keep working. */
  reset(seed?: number): Promise<void>
  /** Latency, faults and rate limits in force: the stage every request of every API passes. */
  behaviour: Behaviour
  /** Prepared answers to reads, shared by the mounted APIs (response-cache.ts). */
  responseCache: ResponseCache
  /**
   * Replaces the behaviour settings (see BehaviourSettings; nothing is merged), e.g.
   * `behave({ latency: '200-800', faults: { reset: '5%' } })`; `behave({})` answers instantly again.
   * Throws a kit error, keeping the old settings, when they do not make sense.
   */
  behave(settings: BehaviourSettings): void
  /** The last requests the default world answered (the HTTP server and the worker fill it). */
  requests: RequestLog
  /** Every world's requests together, each entry naming its session: the admin's view. */
  allRequests: RequestLog
  /** The default world's state as JSON, e.g. to keep it across page reloads. */
  snapshot(): MockdeskSnapshot
  /**
   * Loads a snapshot into the default world. Throws (and keeps the current state) when it does
   * not fit, e.g. it names other APIs or its records break today's spec.
   */
  restore(snapshot: MockdeskSnapshot): Promise<void>
  /** Another world with the same APIs, forked from the images (a session's). */
  createWorld(options: NewWorldOptions): Promise<World>
  /**
   * Every API loaded and compiled, and the default world's stores made: at once, unless the
   * mockdesk was made `onDemand`, where this loads what no request has needed yet (one API at a
   * time, giving way to requests).
   */
  ready(): Promise<void>
  /**
   * The API loaded and compiled, and its store made in `world`: what a request to it waits for;
   * undefined when both are done already (every request after the first: no await on the hot path).
   */
  prepare(api: MountedApi, world: World): Promise<void> | undefined
  /** Answers `request` from `world` instead of the default one (the server's sessions call it). */
  useWorld(request: Request, world: World): void
  /** The world `request` is answered from. */
  worldOf(request: Request): World
}

export async function createMockdesk(apis: readonly (ApiDefinition | ApiLoader)[], options: MockdeskOptions = {}): Promise<Mockdesk> {
  const loaders = apis.map(loaderOf)
  const base = options.base ?? ((api) => api.documentedBaseUrl)
  const world = new World(loaders, [], { seed: options.seed ?? defaultSeed, count: options.count })
  const assigned = new WeakMap<Request, World>()
  const worldOf = (request: Request) => assigned.get(request) ?? world

  // The definitions loaded so far, in mount order: what behaviour settings are checked against
  // (with every API loaded, since behaviour is only set once `ready()` has been).
  const definitions: ApiDefinition[] = []
  const behaviour = createBehaviour({}, { seed: () => world.seed, apis: definitions, validate: options.validateBehaviour })
  // One cache for every API of this instance; its keys name the store, so a swapped store (a
  // reset, another world) never sees another's answers.
  const responseCache = new ResponseCache(options.responseCacheBytes)
  // msw's handlers are made unless on demand: the HTTP server matches routes itself, and msw is
  // imported only here, where used (msw-handlers.ts).
  const msw = options.onDemand ? undefined : await import('./msw-handlers.ts')
  const loaded: Array<{ definition: ApiDefinition; compiled: CompiledApi; handlers?: HttpHandler[] } | undefined> = []
  const notLoaded = (id: string): never => {
    throw new Error(`The ${id} API is not loaded yet: await mockdesk.prepare(api, world) or mockdesk.ready() first.`)
  }
  const apisMounted: MountedApi[] = loaders.map((loader, index) => ({
    id: loader.id,
    base: base(loader),
    get definition() {
      return loaded[index]?.definition ?? notLoaded(loader.id)
    },
    get handlers() {
      const api = loaded[index] ?? notLoaded(loader.id)
      if (!api.handlers) throw new Error('A mockdesk made onDemand (the HTTP server’s) has no msw handlers: make it without onDemand to use them.')
      return api.handlers
    },
    get compiled() {
      return loaded[index]?.compiled ?? notLoaded(loader.id)
    },
    get store() {
      return world.storeAt(index)
    },
  }))

  /** The API at this index loaded and compiled (once). */
  const loading: Array<Promise<void> | undefined> = []
  const load = (index: number) =>
    (loading[index] ??= (async () => {
      const definition = await loaders[index]!.load()
      if (loaded[index]) return
      const compiled = compileApi(definition, {
        base: apisMounted[index]!.base,
        store: (request) => worldOf(request).storeAt(index),
        maxBodyBytes: options.maxBodyBytes,
        behaviour,
        responseCache,
      })
      loaded[index] = { definition, compiled, handlers: msw && [msw.mswHandlerOf(compiled)] }
      definitions.splice(0, definitions.length, ...loaded.flatMap((api) => (api ? [api.definition] : [])))
    })().catch((error) => {
      loading[index] = undefined
      throw error
    }))

  // Requests' own loading in flight: the rest (ready) waits while there is any, so a request
  // never queues behind an API it does not use for more than one step.
  let demanded = 0
  let demandSettled: Promise<void> = Promise.resolve()
  let settle = () => {}
  const prepare = (index: number, chosen: World) => (loaded[index] && chosen.hasStore(index) ? undefined : prepareNow(index, chosen))
  const prepareNow = async (index: number, chosen: World) => {
    if (demanded++ === 0) demandSettled = new Promise((resolve) => (settle = resolve))
    try {
      await load(index)
      await chosen.prepare(index)
    } finally {
      if (--demanded === 0) settle()
    }
  }
  const betweenSteps = async () => {
    // Lets waiting connections in (the poll phase runs before setImmediate's), then yields to requests' loading.
    await new Promise<void>((resolve) => setTimeout(resolve, 0))
    while (demanded > 0) await demandSettled
  }
  let readying: Promise<void> | undefined
  const ready = () =>
    (readying ??= (async () => {
      if (!options.onDemand) {
        await Promise.all(loaders.map((_, index) => load(index).then(() => world.prepare(index))))
        return
      }
      // In the background of a server answering requests: one step at a time, each giving way.
      for (const [index] of loaders.entries()) {
        await betweenSteps()
        await load(index)
        await betweenSteps()
        await world.prepare(index)
      }
    })().catch((error) => {
      readying = undefined
      throw error
    }))

  if (!options.onDemand) await ready()
  if (options.behaviour && Object.keys(options.behaviour).length > 0) {
    await ready()
    behaviour.set(options.behaviour)
  }

  return {
    apis: apisMounted,
    get handlers() {
      return apisMounted.flatMap((api) => api.handlers)
    },
    get seed() {
      return world.seed
    },
    world,
    async reset(seed) {
      await world.reset(seed)
      behaviour.restart()
    },
    behaviour,
    responseCache,
    behave(settings) {
      if (definitions.length < loaders.length) notLoaded(loaders.find((_, index) => !loaded[index])!.id)
      behaviour.set(settings)
    },
    requests: world.requests,
    allRequests: new RequestLog(),
    snapshot: () => world.snapshot(),
    restore: (snapshot) => world.restore(snapshot),
    async createWorld(world) {
      await ready()
      return createWorld(definitions, { ...world, seed: world.seed ?? options.seed ?? defaultSeed, count: options.count })
    },
    ready,
    prepare: (api, chosen) => prepare(apisMounted.indexOf(api), chosen),
    useWorld: (request, chosen) => assigned.set(request, chosen),
    worldOf,
  }
}
