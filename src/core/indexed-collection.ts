/**
 * An `@msw/data` collection with hash indexes beside it. `@msw/data` finds records by scanning,
 * which costs O(n) per lookup; API handlers look records up by id (and a few by a unique field,
 * like an email) on every request, so those lookups go through a Map instead. Records keep the
 * collection's insertion order, which is the order lists are served in.
 *
 * Each collection also has a version that every write bumps and every read notes (see
 * collection-version.ts): the response cache serves an answer again only while the versions of
 * the collections it read are unchanged.
 */
import { Collection } from '@msw/data'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { CollectionVersion, noteRead } from './collection-version.ts'

export type Key = string | number

export interface IndexedCollectionOptions<T> {
  schema: StandardSchemaV1<T, T>
  /** The record's id. */
  key: (record: T) => Key
  /**
   * Unique secondary keys by name, e.g. `{ email: (c) => c.email.toLowerCase() }`. A key function
   * may return undefined for a record that has no value (an optional email): it is not indexed.
   */
  unique?: Record<string, (record: T) => Key | undefined>
}

export class IndexedCollection<T extends object> {
  readonly collection: Collection<StandardSchemaV1<T, T>>
  readonly #byKey = new Map<Key, T>()
  readonly #unique: Array<{ name: string; key: (record: T) => Key | undefined; map: Map<Key, T> }>
  /** Bumped by every write; noted by every read. */
  readonly version = new CollectionVersion()

  constructor(readonly options: IndexedCollectionOptions<T>) {
    this.collection = new Collection({ schema: options.schema })
    this.#unique = Object.entries(options.unique ?? {}).map(([name, key]) => ({ name, key, map: new Map() }))
  }

  get(key: Key): T | undefined {
    noteRead(this.version)
    return this.#byKey.get(key)
  }

  /** The record whose unique field `name` has this value. */
  findUnique(name: string, value: Key): T | undefined {
    noteRead(this.version)
    return this.#unique.find((index) => index.name === name)?.map.get(value)
  }

  /** All records, in insertion order. The array is the store's own: do not mutate it. */
  all(): readonly T[] {
    noteRead(this.version)
    return this.collection.all() as T[]
  }

  count(): number {
    noteRead(this.version)
    return this.collection.count()
  }

  /** Records `offset` to `offset + limit`, in insertion order, without scanning the rest. */
  slice(offset: number, limit: number): readonly T[] {
    return this.all().slice(offset, offset + limit)
  }

  async create(values: T): Promise<T> {
    const record = (await this.collection.create(values)) as T
    this.#index(record)
    this.version.bump()
    return record
  }

  /** Creates records one after another, so insertion order is the order given. */
  async createMany(values: Iterable<T>): Promise<void> {
    for (const value of values) await this.create(value)
  }

  /** Applies `change` to the record with this key and returns the new version (the schema re-checks it). */
  async update(key: Key, change: (draft: T) => void): Promise<T | undefined> {
    const current = this.#byKey.get(key)
    if (!current) return undefined
    const next = (await this.collection.update(current as never, { data: change as never })) as T | undefined
    if (!next) return undefined
    this.#unindex(current)
    this.#index(next)
    this.version.bump()
    return next
  }

  delete(key: Key): T | undefined {
    const current = this.#byKey.get(key)
    if (!current) return undefined
    this.collection.delete(current as never)
    this.#unindex(current)
    this.version.bump()
    return current
  }

  clear(): void {
    this.collection.clear()
    this.#byKey.clear()
    for (const index of this.#unique) index.map.clear()
    this.version.bump()
  }

  #index(record: T) {
    this.#byKey.set(this.options.key(record), record)
    for (const index of this.#unique) {
      const key = index.key(record)
      if (key !== undefined) index.map.set(key, record)
    }
  }

  #unindex(record: T) {
    this.#byKey.delete(this.options.key(record))
    for (const index of this.#unique) {
      const key = index.key(record)
      if (key !== undefined) index.map.delete(key)
    }
  }
}
