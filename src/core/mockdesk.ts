/**
 * A set of mounted APIs with their worlds: the runtime-neutral heart that the service worker,
 * msw/node and the HTTP server all wrap. Each call builds its own default world (a fork of the
 * seeded images, which the process builds once per API, seed and count), so tests never share
 * state; the server's sessions add more worlds with `createWorld`.
 */
import type { HttpHandler } from 'msw'
import { compileApi, type CompiledApi } from './api-handlers.ts'
import { createBehaviour, type Behaviour } from './behaviour/behaviour.ts'
import type { BehaviourSettings } from './behaviour/behaviour-settings.ts'
import type { ApiDefinition } from './define-api.ts'
import { documentedBaseUrl } from './openapi-document.ts'
import { RequestLog } from './request-log.ts'
import { ResponseCache } from './response-cache.ts'
import { defaultSeed } from './seeded-faker.ts'
import { createWorld, type MockdeskSnapshot, type World } from './world.ts'

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
  base?: (api: ApiDefinition) => string
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
  definition: ApiDefinition
  /** The base the handlers answer on: an absolute URL or a path prefix. */
  base: string
  handlers: HttpHandler[]
  /** The same pipeline as `handlers`, as a route table the HTTP server matches without MSW. */
  compiled: CompiledApi
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
  /** Answers `request` from `world` instead of the default one (the server's sessions call it). */
  useWorld(request: Request, world: World): void
  /** The world `request` is answered from. */
  worldOf(request: Request): World
}

export async function createMockdesk(definitions: readonly ApiDefinition[], options: MockdeskOptions = {}): Promise<Mockdesk> {
  const base = options.base ?? ((api) => documentedBaseUrl(api.document))
  const world = await createWorld(definitions, { seed: options.seed ?? defaultSeed, count: options.count })
  const assigned = new WeakMap<Request, World>()
  const worldOf = (request: Request) => assigned.get(request) ?? world

  const behaviour = createBehaviour(options.behaviour ?? {}, { seed: () => world.seed, apis: definitions, validate: options.validateBehaviour })
  // One cache for every API of this instance; its keys name the store, so a swapped store (a
  // reset, another world) never sees another's answers.
  const responseCache = new ResponseCache(options.responseCacheBytes)
  const apis: MountedApi[] = definitions.map((definition, index) => {
    const compiled = compileApi(definition, {
      base: base(definition),
      store: (request) => worldOf(request).storeAt(index),
      maxBodyBytes: options.maxBodyBytes,
      behaviour,
      responseCache,
    })
    return {
      definition,
      base: base(definition),
      handlers: compiled.handlers,
      compiled,
      get store() {
        return world.storeAt(index)
      },
    }
  })

  return {
    apis,
    handlers: apis.flatMap((api) => api.handlers),
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
    behave: (settings) => behaviour.set(settings),
    requests: world.requests,
    allRequests: new RequestLog(),
    snapshot: () => world.snapshot(),
    restore: (snapshot) => world.restore(snapshot),
    createWorld: (world) => createWorld(definitions, { ...world, seed: world.seed ?? options.seed ?? defaultSeed, count: options.count }),
    useWorld: (request, chosen) => assigned.set(request, chosen),
    worldOf,
  }
}
