/**
 * A world is the live stores of the mounted APIs for one user: a fork of each API's image for
 * the world's seed (see `image.ts`), so making one, or resetting one, costs microseconds. The
 * default world is what every request without a session uses (and all there is in the browser and
 * in `setupMockdesk`); the server's sessions each have their own.
 */
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
  readonly #definitions: readonly ApiDefinition[]
  readonly #count: number | undefined
  readonly #quota: number | undefined
  readonly #listeners = new Set<(event: WorldEvent) => void>()
  #seed: number
  #generation = 0
  #version = 0
  #stores: object[]

  /** A world forked from images already built (see `createWorld` for the usual way). */
  constructor(definitions: readonly ApiDefinition[], images: readonly Image[], options: WorldOptions) {
    this.name = options.name ?? 'default'
    this.#definitions = definitions
    this.#count = options.count
    this.#quota = options.recordQuota
    this.#seed = options.seed
    this.#stores = images.map((image) => this.#fork(image))
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

  get definitions(): readonly ApiDefinition[] {
    return this.#definitions
  }

  /** The live store of the API at this index of the world's definitions. */
  storeAt(index: number): object {
    return this.#stores[index]!
  }

  /** The live store of an API, by id. */
  store(id: string): object | undefined {
    const index = this.#definitions.findIndex((api) => api.id === id)
    return index < 0 ? undefined : this.#stores[index]
  }

  /** Records in every collection of every API. */
  recordCount(): number {
    return this.#stores.reduce((sum, store) => sum + collectionsOf(store).reduce((n, [, collection]) => n + collection.count(), 0), 0)
  }

  /** Listens to changes (persistence keeps its journal this way); returns the way to stop. */
  listen(listener: (event: WorldEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Back to the seeded data (of another seed if given): a fork of the images, no reseeding. */
  async reset(seed = this.#seed): Promise<void> {
    const images = await imagesOf(this.#definitions, seed, this.#count)
    this.#stores = images.map((image) => this.#fork(image))
    this.#seed = seed
    this.#generation = 0
    this.#replaced('reset')
  }

  snapshot(): MockdeskSnapshot {
    return {
      seed: this.#seed,
      stores: Object.fromEntries(this.#definitions.map((api, index) => [api.id, exportStore(this.#stores[index]!, this.#generation)])),
    }
  }

  /**
   * Loads a snapshot into fresh stores (forks of the images for its import seed). Throws, and keeps
   * the current state, when it does not fit: other APIs, records today's spec rejects, or more
   * records than the world's quota.
   */
  async restore(snapshot: MockdeskSnapshot): Promise<void> {
    const ids = this.#definitions.map((api) => api.id)
    const saved = Object.keys(snapshot.stores)
    if (saved.length !== ids.length || !ids.every((id) => saved.includes(id))) {
      throw new Error(`the snapshot holds ${saved.join(', ') || 'no APIs'}, but ${ids.join(', ')} are mounted`)
    }
    // The fresh stores are quiet while the snapshot goes in: no quota, no change events.
    const importing = { on: true }
    try {
      const fresh = await Promise.all(
        this.#definitions.map(async (api) => {
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
      this.#stores = fresh
    } finally {
      importing.on = false
    }
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

function imagesOf(definitions: readonly ApiDefinition[], seed: number, count: number | undefined): Promise<Image[]> {
  return Promise.all(definitions.map((api) => imageOf(api, seed, count ?? api.defaultCount)))
}

/** A new world: a fork of each API's image for the seed (built first if this process has none). */
export async function createWorld(definitions: readonly ApiDefinition[], options: WorldOptions): Promise<World> {
  return new World(definitions, await imagesOf(definitions, options.seed, options.count), options)
}
