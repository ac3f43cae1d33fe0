/**
 * A world is the live stores of the mounted APIs for one user: a fork of each API's image for
 * the world's seed (see `image.ts`), so making one, or resetting one, costs microseconds. The
 * default world is what every request without a session uses (and all there is in the browser and
 * in `setupMockdesk`); the server's sessions each have their own.
 *
 * A world may also be built on demand (the HTTP server's default world): an API's store is made,
 * and its code loaded, when something first needs it (`prepare`). A store not made yet is exactly
 * the fork of the image for the world's seed it would have been, so nothing observable changes.
 * What reads every store (snapshot, record counts, the definitions) needs them all made first.
 */
import { loaderOf, type ApiLoader } from './api-loader.ts'
import type { ApiDefinition } from './define-api.ts'
import { collectionsOf, forkStore, imageOf, type Image } from './image.ts'
import type { CollectionChange, CollectionHooks } from './indexed-collection.ts'
import { KitError } from './kit-error.ts'
import { RequestLog } from './request-log.ts'
import { exportStore, importSeed, importStore, type StoreSnapshot } from './store-snapshot.ts'

export interface MockdeskSnapshot {
  seed: number
  stores: Record<string, StoreSnapshot>
}

export interface WorldOptions {
  /** The world's name: "default", or the session's. */
  name?: string
  seed: number
  /** Primary records per API; each API's own default when left out. */
  count?: number
  /** The most records the world may hold, all APIs together; a create beyond it is refused. */
  recordQuota?: number
}

/** What a world's listeners (persistence) hear: one record change, or every store replaced. */
export type WorldEvent =
  | { type: 'change'; api: string; collection: string; change: CollectionChange }
  | { type: 'replaced'; reason: 'reset' | 'restore' }

export class World {
  readonly name: string
  readonly requests = new RequestLog()
  /** When the world last answered a request (ms since the epoch), for idle expiry. */
  lastUsed = Date.now()
  readonly #apis: readonly ApiLoader[]
  readonly #count: number | undefined
  readonly #quota: number | undefined
  readonly #listeners = new Set<(event: WorldEvent) => void>()
  #seed: number
  #generation = 0
  #version = 0
  #definitions: Array<ApiDefinition | undefined>
  #stores: Array<object | undefined>
  /** Stores being made on demand, by index. */
  #making: Array<Promise<object> | undefined>
  /** Moves whenever every store is replaced (reset, restore): a store made on demand before is made again. */
  #epoch = 0

  /**
   * A world forked from images already built (see `createWorld` for the usual way). An API whose
   * image is not given has its store made when first needed (`prepare`).
   */
  constructor(apis: readonly (ApiDefinition | ApiLoader)[], images: readonly (Image | undefined)[], options: WorldOptions) {
    this.name = options.name ?? 'default'
    this.#apis = apis.map(loaderOf)
    this.#count = options.count
    this.#quota = options.recordQuota
    this.#seed = options.seed
    this.#definitions = this.#apis.map((_, index) => images[index]?.api)
    this.#stores = this.#apis.map((_, index) => images[index] && this.#fork(images[index]))
    this.#making = []
  }

  get seed(): number {
    return this.#seed
  }

  /** How many imports this world's state has been through (see store-snapshot.ts). */
  get generation(): number {
    return this.#generation
  }

  /** Moves on every change to any record, and on reset and restore: a cache keyed by it is never stale. */
  get version(): number {
    return this.#version
  }

  /** The ids of the world's APIs, in order. */
  get ids(): string[] {
    return this.#apis.map((api) => api.id)
  }

  /** Every API's definition: the world's stores must all be made (`prepareAll`). */
  get definitions(): readonly ApiDefinition[] {
    return this.#apis.map((_, index) => this.#definitions[index] ?? this.#notMade(index))
  }

  /** Whether every API's store is made. */
  get complete(): boolean {
    return this.#stores.every((store) => store !== undefined)
  }

  /** The live store of the API at this index of the world's APIs (made already: see `prepare`). */
  storeAt(index: number): object {
    return this.#stores[index] ?? this.#notMade(index)
  }

  /** Whether the store of the API at this index is made. */
  hasStore(index: number): boolean {
    return this.#stores[index] !== undefined
  }

  /** The live store of an API, by id; undefined for an id the world does not have. */
  store(id: string): object | undefined {
    const index = this.#apis.findIndex((api) => api.id === id)
    return index < 0 ? undefined : this.storeAt(index)
  }

  /** The store of the API at this index, made first (its code loaded, its image built) if it is not yet. */
  prepare(index: number): Promise<object> {
    const made = this.#stores[index]
    if (made) return Promise.resolve(made)
    let making = this.#making[index]
    if (!making) {
      making = this.#make(index).finally(() => {
        if (this.#making[index] === making) this.#making[index] = undefined
      })
      this.#making[index] = making
    }
    return making
  }

  /** Makes every store not made yet. */
  async prepareAll(): Promise<void> {
    await Promise.all(this.#apis.map((_, index) => this.prepare(index)))
  }

  async #make(index: number): Promise<object> {
    for (;;) {
      const made = this.#stores[index]
      if (made) return made
      const epoch = this.#epoch
      const api = await this.#apis[index]!.load()
      const image = await imageOf(api, this.#seed, this.#count ?? api.defaultCount)
      // Reset or restored meanwhile: made again from the world's state now.
      if (epoch !== this.#epoch) continue
      this.#definitions[index] = api
      return (this.#stores[index] = this.#fork(image))
    }
  }

  #notMade(index: number): never {
    throw new Error(`The ${this.#apis[index]!.id} store of the world "${this.name}" is not made yet: await world.prepare(${index}) (or prepareAll()) first.`)
  }

  /** Records in every collection of every API. */
  recordCount(): number {
    return this.#apis.reduce((sum, _, index) => sum + collectionsOf(this.storeAt(index)).reduce((n, [, collection]) => n + collection.count(), 0), 0)
  }

  /** Listens to changes (persistence keeps its journal this way); returns the way to stop. */
  listen(listener: (event: WorldEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /**
   * Back to the seeded data (of another seed if given): a fork of the images, no reseeding. A
   * store not made yet stays so: made later, it is the fork for the new seed.
   */
  async reset(seed = this.#seed): Promise<void> {
    const made = this.#apis.map((_, index) => (this.#stores[index] ? this.#definitions[index] : undefined))
    const images = await Promise.all(made.map((api) => api && imageOf(api, seed, this.#count ?? api.defaultCount)))
    this.#epoch++
    this.#stores = images.map((image) => image && this.#fork(image))
    this.#seed = seed
    this.#generation = 0
    this.#replaced('reset')
  }

  /** Every store's state (every store must be made: `prepareAll`). */
  snapshot(): MockdeskSnapshot {
    return {
      seed: this.#seed,
      stores: Object.fromEntries(this.#apis.map((api, index) => [api.id, exportStore(this.storeAt(index), this.#generation)])),
    }
  }

  /**
   * Loads a snapshot into fresh stores (forks of the images for its import seed). Throws, and keeps
   * the current state, when it does not fit: other APIs, records today's spec rejects, or more
   * records than the world's quota.
   */
  async restore(snapshot: MockdeskSnapshot): Promise<void> {
    const ids = this.ids
    const saved = Object.keys(snapshot.stores)
    if (saved.length !== ids.length || !ids.every((id) => saved.includes(id))) {
      throw new Error(`the snapshot holds ${saved.join(', ') || 'no APIs'}, but ${ids.join(', ')} are mounted`)
    }
    const definitions = await Promise.all(this.#apis.map((api) => api.load()))
    // The fresh stores are quiet while the snapshot goes in: no quota, no change events.
    const importing = { on: true }
    let fresh: object[]
    try {
      fresh = await Promise.all(
        definitions.map(async (api) => {
          const store = snapshot.stores[api.id] as StoreSnapshot
          // importStore checks the store's shape and says where it is wrong; the seed only needs a number.
          const generation = store && Number.isSafeInteger(store.generation) && store.generation >= 0 ? store.generation : 0
          const image = await imageOf(api, importSeed(snapshot.seed, { generation }), this.#count ?? api.defaultCount)
          const forked = this.#fork(image, importing)
          await importStore(forked, store, `stores.${api.id}`)
          return forked
        }),
      )
      const total = fresh.reduce((sum: number, store) => sum + collectionsOf(store).reduce((n, [, collection]) => n + collection.count(), 0), 0)
      if (this.#quota !== undefined && total > this.#quota) {
        throw new Error(`the snapshot holds ${total} records, more than this session's quota of ${this.#quota}`)
      }
    } finally {
      importing.on = false
    }
    this.#epoch++
    this.#definitions = definitions
    this.#stores = fresh
    this.#seed = snapshot.seed
    this.#generation = Math.max(...Object.values(snapshot.stores).map((store) => store.generation)) + 1
    this.#replaced('restore')
  }

  #fork(image: Image, importing = { on: false }): object {
    const api = image.api.id
    return forkStore(image.store as object, (collection): CollectionHooks => ({
      beforeCreate: () => {
        if (this.#quota !== undefined && !importing.on && this.recordCount() >= this.#quota) {
          throw new KitError(
            'MOCKDESK_SESSION_QUOTA',
            `The session "${this.name}" holds ${this.recordCount()} records, its quota; the record was not created.`,
            'Delete records you no longer need, or reset the session (POST /__mockdesk/reset with the same session), or start the server with a larger --session-quota.',
            { session: this.name, quota: this.#quota },
          )
        }
      },
      afterChange: (change) => {
        this.#version++
        if (importing.on) return
        for (const listener of this.#listeners) listener({ type: 'change', api, collection, change })
      },
    }))
  }

  #replaced(reason: 'reset' | 'restore') {
    this.#version++
    for (const listener of this.#listeners) listener({ type: 'replaced', reason })
  }
}

/** A new world: a fork of each API's image for the seed (built first if this process has none). */
export async function createWorld(definitions: readonly ApiDefinition[], options: WorldOptions): Promise<World> {
  const images = await Promise.all(definitions.map((api) => imageOf(api, options.seed, options.count ?? api.defaultCount)))
  return new World(definitions, images, options)
}
