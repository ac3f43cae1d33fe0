/**
 * A set of mounted APIs with their stores: the runtime-neutral heart that the service worker,
 * msw/node and the HTTP server all wrap. Each call builds fresh stores, so tests never share state.
 */
import type { HttpHandler } from 'msw'
import { compileApi, type CompiledApi } from './api-handlers.ts'
import type { ApiDefinition } from './define-api.ts'
import { documentedBaseUrl } from './openapi-document.ts'
import { RequestLog } from './request-log.ts'
import { ResponseCache } from './response-cache.ts'
import { defaultSeed } from './seeded-faker.ts'
import { exportStore, importSeed, importStore, type StoreSnapshot } from './store-snapshot.ts'

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
  store: unknown
}

export interface Mockdesk {
  apis: MountedApi[]
  /** Every handler of every mounted API, ready for setupServer/setupWorker. */
  handlers: HttpHandler[]
  seed: number
  /** Rebuilds every store from the seed (a new seed if given); handlers keep working. */
  reset(seed?: number): Promise<void>
  /** The last requests answered, for the sandbox page (the HTTP server and the worker fill it). */
  requests: RequestLog
  /** Every store's state as JSON, e.g. to keep it across page reloads. */
  snapshot(): MockdeskSnapshot
  /**
   * Loads a snapshot into fresh stores built from its seed. Throws (and keeps the current state)
   * when it does not fit, e.g. it names other APIs or its records break today's spec.
   */
  restore(snapshot: MockdeskSnapshot): Promise<void>
}

export interface MockdeskSnapshot {
  seed: number
  stores: Record<string, StoreSnapshot>
}

export async function createMockdesk(definitions: readonly ApiDefinition[], options: MockdeskOptions = {}): Promise<Mockdesk> {
  const base = options.base ?? ((api) => documentedBaseUrl(api.document))
  const seedStores = (seed: number) =>
    Promise.all(definitions.map((api) => api.createStore({ seed, count: options.count ?? api.defaultCount })))

  let seed = options.seed ?? defaultSeed
  let generation = 0
  const stores = await seedStores(seed)
  // One cache for every API of this instance; its keys name the store, so a swapped store never
  // sees another's answers.
  const responseCache = new ResponseCache(options.responseCacheBytes)
  const apis: MountedApi[] = definitions.map((definition, index) => {
    const compiled = compileApi(definition, {
      base: base(definition),
      store: () => mounted.store,
      maxBodyBytes: options.maxBodyBytes,
      responseCache,
    })
    const mounted: MountedApi = { definition, base: base(definition), store: stores[index], handlers: compiled.handlers, compiled }
    return mounted
  })

  return {
    apis,
    handlers: apis.flatMap((api) => api.handlers),
    get seed() {
      return seed
    },
    async reset(next = seed) {
      const fresh = await seedStores(next)
      apis.forEach((api, index) => (api.store = fresh[index]))
      seed = next
      generation = 0
    },
    requests: new RequestLog(),
    snapshot: () => ({
      seed,
      stores: Object.fromEntries(apis.map((api) => [api.definition.id, exportStore(api.store as object, generation)])),
    }),
    async restore(snapshot) {
      const ids = apis.map((api) => api.definition.id)
      const saved = Object.keys(snapshot.stores)
      if (saved.length !== ids.length || !ids.every((id) => saved.includes(id))) {
        throw new Error(`the snapshot holds ${saved.join(', ') || 'no APIs'}, but ${ids.join(', ')} are mounted`)
      }
      const fresh = await Promise.all(
        definitions.map((api) => {
          const saved = snapshot.stores[api.id]!
          return api.createStore({ seed: importSeed(snapshot.seed, saved), count: options.count ?? api.defaultCount })
        }),
      )
      await Promise.all(fresh.map((store, index) => importStore(store as object, snapshot.stores[ids[index]!]!, `stores.${ids[index]}`)))
      apis.forEach((api, index) => (api.store = fresh[index]))
      seed = snapshot.seed
      generation = Math.max(...Object.values(snapshot.stores).map((store) => store.generation)) + 1
    },
  }
}
