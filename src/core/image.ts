/**
 * An image is the seeded state of one API for one (seed, count): built once per process by the
 * API's `createStore`, then sealed (records frozen, collections read-only) and kept. A world is a
 * fork of images (`forkStore`): collections copy on their first write, the Faker's state is
 * copied, and the store's plain data (id sequences, counters) is cloned. Seeding, which costs
 * tens to hundreds of milliseconds, then happens once, not once per test or per session.
 *
 * What a store may hold, by own property (what `createStore` returns):
 * - `IndexedCollection`s (forked copy-on-write);
 * - Fakers from `createFaker` (forked: the fork draws exactly what the image's would next);
 * - plain data, including class instances (cloned, prototypes kept).
 * Behaviour lives on the store's prototype (a class) or in module functions, never in closures
 * over the store's own objects: a closure would keep writing to the image. Sealing says so.
 */
import { deepFreeze } from './deep-freeze.ts'
import type { ApiDefinition } from './define-api.ts'
import { IndexedCollection, type CollectionHooks } from './indexed-collection.ts'
import { forkFakerLazily, isSeededFaker } from './seeded-faker.ts'

export interface Image<Store = unknown> {
  api: ApiDefinition
  seed: number
  count: number
  /** The sealed store: read it, never write it (a write throws). */
  store: Store
  /** Records in all its collections. */
  records: number
}

/** Seals a store made by `createStore` so that it can serve as an image. */
export function sealStore<Store extends object>(store: Store, apiId: string): Store {
  for (const [name, value] of Object.entries(store)) {
    if (value instanceof IndexedCollection) value.seal()
    else if (typeof value === 'function') {
      throw new Error(
        `The ${apiId} store has a function "${name}" of its own. A store is forked per world, and a closure would keep using the image's objects: make it a method of a store class (using this) or a module function taking the store.`,
      )
    } else if (!isSeededFaker(value)) deepFreeze(value)
  }
  return store
}

/** Clones plain data, keeping each object's prototype (an id sequence keeps its methods). */
function cloneData(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(cloneData)
  // Built-ins keep their contents in internal slots, which copying properties would lose.
  if (value instanceof Map || value instanceof Set || value instanceof Date) return structuredClone(value)
  const copy = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>
  for (const [key, child] of Object.entries(value)) copy[key] = cloneData(child)
  return copy
}

/** A new, independent store that starts as the image's and copies what it changes. */
export function forkStore<Store extends object>(image: Store, hooksFor: (collection: string) => CollectionHooks = () => ({})): Store {
  const fork = Object.create(Object.getPrototypeOf(image)) as Record<string, unknown>
  for (const [name, value] of Object.entries(image)) {
    if (value instanceof IndexedCollection) fork[name] = value.fork(hooksFor(name))
    else if (isSeededFaker(value)) {
      const faker = forkFakerLazily(value)
      Object.defineProperty(fork, name, { enumerable: true, configurable: true, get: faker })
    } else fork[name] = cloneData(value)
  }
  return fork as Store
}

/** The collections of a store, by name. */
export function collectionsOf(store: object): Array<[string, IndexedCollection<object>]> {
  return Object.entries(store).filter((entry): entry is [string, IndexedCollection<object>] => entry[1] instanceof IndexedCollection)
}

export const recordCount = (store: object) => collectionsOf(store).reduce((sum, [, collection]) => sum + collection.count(), 0)

// Images by API, then by "seed/count". Bounded, least recently used first out, so a public
// sandbox whose visitors reseed with many seeds cannot grow without end (a world keeps its own
// image alive as long as it needs it).
const maxImagesPerApi = 16
const images = new WeakMap<ApiDefinition, Map<string, Promise<Image>>>()

/** The image of `api` for (seed, count): built on first use, then shared by the whole process. */
export function imageOf<Store>(api: ApiDefinition<any, Store>, seed: number, count = api.defaultCount): Promise<Image<Store>> {
  let byKey = images.get(api)
  if (!byKey) images.set(api, (byKey = new Map()))
  const key = `${seed}/${count}`
  let image = byKey.get(key)
  if (image) {
    byKey.delete(key)
  } else {
    image = (async () => {
      const store = sealStore((await api.createStore({ seed, count })) as object, api.id)
      return { api, seed, count, store, records: recordCount(store) }
    })()
    // A failed build is not kept: the next call tries again.
    image.catch(() => byKey!.get(key) === image && byKey!.delete(key))
  }
  byKey.set(key, image)
  if (byKey.size > maxImagesPerApi) byKey.delete(byKey.keys().next().value!)
  return image as Promise<Image<Store>>
}
