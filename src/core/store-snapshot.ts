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

/** Where a snapshot goes wrong: thrown by `importStore`, its message names the exact place. */
export class SnapshotError extends Error {
  override name = 'SnapshotError'
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value)
const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`)
const own = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key)

/**
 * Writes `data` into `target` field by field, keeping `target`'s objects (and their classes).
 * Only fields the fresh store already has are written, each with the kind of value it holds, so
 * an import can neither add members to a store nor reach a prototype through `__proto__`.
 */
function assignChecked(target: Record<string, unknown>, data: Record<string, unknown>, at: string) {
  for (const [key, value] of Object.entries(data)) {
    const where = `${at}.${key}`
    if (!own(target, key) || !isPlainData(target[key])) throw new SnapshotError(`${where} is not part of this store`)
    const current = target[key]
    if (kindOf(current) !== kindOf(value) && current !== null) throw new SnapshotError(`${where} must be ${kindOf(current)}, not ${kindOf(value)}`)
    if (typeof value === 'number' && !Number.isFinite(value)) throw new SnapshotError(`${where} must be a finite number`)
    if (isObject(current) && isObject(value)) assignChecked(current, value, where)
    else target[key] = value
  }
}

/** A store's IndexedCollections, by name. */
const collectionsOf = (store: Record<string, unknown>) =>
  Object.entries(store).filter((entry): entry is [string, IndexedCollection<object>] => entry[1] instanceof IndexedCollection)

/** Every finite number in a store's plain state, with its path (e.g. `sequence.ticket`). */
function numbersIn(value: unknown, path: string[] = [], found: Array<{ path: string[]; value: number }> = []) {
  if (typeof value === 'number') found.push({ path, value })
  else if (isObject(value)) for (const [key, field] of Object.entries(value)) numbersIn(field, [...path, key], found)
  return found
}
const numberAt = (store: Record<string, unknown>, path: string[]) => path.reduce<unknown>((value, key) => (isObject(value) ? value[key] : undefined), store)
const highestKey = (collection: IndexedCollection<object>) =>
  collection.all().reduce((max, record) => { const key = collection.options.key(record); return typeof key === 'number' && key > max ? key : max }, -Infinity)

/**
 * Which id counter feeds which collection, and how, read off the freshly seeded store: a counter
 * equal to a collection's highest id holds the last id given out (`ids.customer.last`), one above
 * it the next id to give out (`sequence.ticket`). Stores declare nothing; their seeded state says it.
 */
function idCounters(fresh: Record<string, unknown>) {
  const collections = collectionsOf(fresh).map(([name, collection]) => ({ name, highest: highestKey(collection) }))
  return numbersIn(Object.fromEntries(Object.entries(fresh).filter(([, value]) => isPlainData(value))))
    .map(({ path, value }) => {
      const fed = collections.find((c) => Number.isFinite(c.highest) && (value === c.highest || value === c.highest + 1))
      // The least value that keeps later ids clear of the stored ones: the highest id, or one above it.
      return fed && { path, collection: fed.name, above: value === fed.highest ? 0 : 1 }
    })
    .filter((counter) => counter !== undefined)
}

/** Checks one collection's imported records: the spec's schema, then unique ids and unique fields. */
function checkRecords(collection: IndexedCollection<object>, records: unknown, at: string): object[] {
  if (!Array.isArray(records)) throw new SnapshotError(`${at} must be an array of records, not ${kindOf(records)}`)
  const { key, unique = {}, schema } = collection.options
  const seen = new Map<string, Map<unknown, number>>([['id', new Map()], ...Object.keys(unique).map((name) => [name, new Map()] as [string, Map<unknown, number>])])
  records.forEach((record, index) => {
    const where = `${at}[${index}]`
    if (!isObject(record)) throw new SnapshotError(`${where} must be a record (an object), not ${kindOf(record)}`)
    const result = schema['~standard'].validate(record)
    if (result instanceof Promise) throw new SnapshotError(`${where} cannot be checked synchronously`)
    if (result.issues) {
      const issue = result.issues[0]!
      const path = issue.path?.map((segment) => (typeof segment === 'object' ? segment.key : segment)).join('.')
      throw new SnapshotError(`${where}${path ? `.${path}` : ''}: ${issue.message}`)
    }
    const keys: Array<[string, unknown]> = [['id', key(record)], ...Object.entries(unique).map(([name, of]) => [name, of(record)] as [string, unknown])]
    for (const [name, value] of keys) {
      if (value === undefined) continue
      const first = seen.get(name)!.get(value)
      if (first !== undefined) throw new SnapshotError(`${where} has the same ${name} (${JSON.stringify(value)}) as ${at}[${first}]; it must be unique`)
      seen.get(name)!.set(value, index)
    }
  })
  return records as object[]
}

/**
 * Replaces a freshly created store's state with a snapshot's. Throws a SnapshotError naming the
 * exact place when the snapshot does not fit the store (a collection it lacks, a record its schema
 * rejects, a duplicate id or unique field, an id counter behind the ids stored): the caller then
 * throws the fresh store away, so nothing changes.
 */
export async function importStore(store: object, snapshot: StoreSnapshot, at = 'store'): Promise<void> {
  const target = store as Record<string, unknown>
  if (!isObject(snapshot)) throw new SnapshotError(`${at} must be an object, not ${kindOf(snapshot)}`)
  const { collections = {}, state = {}, generation } = snapshot
  if (!isObject(collections)) throw new SnapshotError(`${at}.collections must be an object, not ${kindOf(collections)}`)
  if (!isObject(state)) throw new SnapshotError(`${at}.state must be an object, not ${kindOf(state)}`)
  if (!Number.isSafeInteger(generation) || generation < 0) throw new SnapshotError(`${at}.generation must be a non-negative integer`)
  const counters = idCounters(target)
  const checked = Object.entries(collections).map(([name, records]) => {
    const collection = own(target, name) ? target[name] : undefined
    if (!(collection instanceof IndexedCollection)) throw new SnapshotError(`${at}.collections has "${name}", a collection this store does not have`)
    return { collection, records: checkRecords(collection, records, `${at}.collections.${name}`) }
  })
  for (const { collection, records } of checked) {
    collection.clear()
    await collection.createMany(records)
  }
  assignChecked(target, state, `${at}.state`)
  for (const counter of counters) {
    const value = numberAt(target, counter.path)
    const collection = target[counter.collection] as IndexedCollection<object>
    const least = highestKey(collection) + counter.above
    if (typeof value === 'number' && value < least) {
      throw new SnapshotError(
        `${at}.state.${counter.path.join('.')} is ${value}, but ${at}.collections.${counter.collection} holds id ${highestKey(collection)}: later creates would repeat ids; it must be at least ${least}`,
      )
    }
  }
}
