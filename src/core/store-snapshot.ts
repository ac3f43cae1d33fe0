/**
 * Export and import of a store's state as plain JSON, for any API without API-specific code:
 * the service worker keeps state across page reloads this way.
 *
 * A store is the object an API's `createStore` returns. What it holds, by own property:
 * - `IndexedCollection`s: exported as their records, imported by re-creating them (so the spec's
 *   schema checks them again, and a snapshot from an older spec fails loudly instead of serving
 *   records the spec no longer allows);
 * - functions and Faker instances: behaviour and generators, rebuilt by `createStore`;
 * - anything else (counters, id sequences, plain objects): exported as JSON and written back into
 *   the fresh store's own objects, so their prototypes (and methods) stay.
 *
 * The store to import into must come from `createStore` with `importSeed(...)`, not the snapshot's
 * own seed: its seeded records are replaced anyway, and its Faker (wherever the store keeps it,
 * closures included) then goes on from another point, so ids made after a reload are
 * reproducible and do not repeat the ones made before it.
 */
import { Faker } from '@faker-js/faker'
import { IndexedCollection } from './indexed-collection.ts'

export interface StoreSnapshot {
  collections: Record<string, unknown[]>
  state: Record<string, unknown>
  /** How many imports this state has been through: each import seeds its Faker differently. */
  generation: number
}

const isPlainData = (value: unknown) => typeof value !== 'function' && !(value instanceof Faker) && !(value instanceof IndexedCollection)

/** The seed to create the store a snapshot is imported into (see the file comment). */
export const importSeed = (seed: number, snapshot: Pick<StoreSnapshot, 'generation'>) => seed + 1_000_003 * (snapshot.generation + 1)

export function exportStore(store: object, generation = 0): StoreSnapshot {
  const snapshot: StoreSnapshot = { collections: {}, state: {}, generation }
  for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(store))) {
    // An accessor is a forked world's Faker, built on first use: not data, and not worth building.
    if (!('value' in descriptor) || !descriptor.enumerable) continue
    const value: unknown = descriptor.value
    if (value instanceof IndexedCollection) snapshot.collections[name] = value.all().map((record) => structuredClone(record))
    else if (isPlainData(value)) snapshot.state[name] = JSON.parse(JSON.stringify(value ?? null))
  }
  return snapshot
}

/** Writes `data` into `target` field by field, keeping `target`'s objects (and their classes). */
function assignDeep(target: Record<string, unknown>, data: Record<string, unknown>) {
  for (const [key, value] of Object.entries(data)) {
    const current = target[key]
    if (current && value && typeof current === 'object' && typeof value === 'object' && !Array.isArray(value)) {
      assignDeep(current as Record<string, unknown>, value as Record<string, unknown>)
    } else {
      target[key] = value
    }
  }
}

/**
 * Replaces a freshly created store's state with a snapshot's. Throws when the snapshot does not
 * fit the store (a collection it lacks, a record its schema rejects): the caller starts fresh.
 */
export async function importStore(store: object, snapshot: StoreSnapshot): Promise<void> {
  const target = store as Record<string, unknown>
  for (const [name, records] of Object.entries(snapshot.collections)) {
    const collection = target[name]
    if (!(collection instanceof IndexedCollection)) throw new Error(`the snapshot has a collection "${name}" this store does not have`)
    collection.clear()
    await collection.createMany(records as object[])
  }
  const state = Object.fromEntries(Object.entries(snapshot.state).filter(([name]) => isPlainData(target[name])))
  assignDeep(target, state)
}
