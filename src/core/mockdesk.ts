/**
 * A set of mounted APIs with their stores: the runtime-neutral heart that the service worker,
 * msw/node and the HTTP server all wrap. Each call builds fresh stores, so tests never share state.
 */
import type { HttpHandler } from 'msw'
import { compileApi, type CompiledApi } from './api-handlers.ts'
import type { ApiDefinition } from './define-api.ts'
import { documentedBaseUrl } from './openapi-document.ts'
import { defaultSeed } from './seeded-faker.ts'

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
}

export async function createMockdesk(definitions: readonly ApiDefinition[], options: MockdeskOptions = {}): Promise<Mockdesk> {
  const base = options.base ?? ((api) => documentedBaseUrl(api.document))
  const seedStores = (seed: number) =>
    Promise.all(definitions.map((api) => api.createStore({ seed, count: options.count ?? api.defaultCount })))

  let seed = options.seed ?? defaultSeed
  const stores = await seedStores(seed)
  const apis: MountedApi[] = definitions.map((definition, index) => {
    const compiled = compileApi(definition, {
      base: base(definition),
      store: () => mounted.store,
      maxBodyBytes: options.maxBodyBytes,
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
    },
  }
}
