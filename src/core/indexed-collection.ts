/**
 * An `@msw/data` collection with hash indexes beside it. `@msw/data` finds records by scanning,
 * which costs O(n) per lookup; API handlers look records up by id (and a few by a unique field,
 * like an email) on every request, so those lookups go through a Map instead. Records keep the
 * collection's insertion order, which is the order lists are served in.
 *
 * Copy on write: a sealed collection is part of an image (never written again, records frozen);
 * `fork()` gives a collection that reads the image's records and indexes until its first write,
 * and only then copies them (references, not records: records are immutable, an update makes a
 * new one), inside this same object, so its version (below) bumps as for any write. A new world
 * costs nothing per record until it changes a collection.
 *
 * Each collection also has a version that every write bumps and every read notes (see
 * collection-version.ts): the response cache serves an answer again only while the versions of
 * the collections it read are unchanged.
 */
import { Collection } from '@msw/data'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { CollectionVersion, noteRead } from './collection-version.ts'
import { deepFreeze } from './deep-freeze.ts'

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

/** One change to a collection, as the world's listeners (persistence) see it. */
export type CollectionChange<T = unknown> = { type: 'put'; record: T } | { type: 'delete'; key: Key } | { type: 'clear' }

/** What the owner of a fork (a world) wants to hear about. */
export interface CollectionHooks {
  /** Before a record is created; throw to refuse it (a session over its record quota). */
  beforeCreate?(): void
  /** After a change was made. */
  afterChange?(change: CollectionChange): void
}

interface Indexes<T> {
  byKey: Map<Key, T>
  unique: Array<{ name: string; key: (record: T) => Key | undefined; map: Map<Key, T> }>
}

export class IndexedCollection<T extends object> {
  #collection: Collection<StandardSchemaV1<T, T>> | undefined
  #indexes: Indexes<T>
  /** The image collection this one still reads from (until its first write). */
  #source: IndexedCollection<T> | undefined
  #sealed = false
  #hooks: CollectionHooks
  /** Bumped by every write; noted by every read. */
  readonly version = new CollectionVersion()

  constructor(readonly options: IndexedCollectionOptions<T>, hooks: CollectionHooks = {}) {
    this.#indexes = {
      byKey: new Map(),
      unique: Object.entries(options.unique ?? {}).map(([name, key]) => ({ name, key, map: new Map() })),
    }
    this.#hooks = hooks
  }

  /** The `@msw/data` collection (a fork gets its own on its first write). */
  get collection(): Collection<StandardSchemaV1<T, T>> {
    return this.#own()
  }

  get sealed(): boolean {
    return this.#sealed
  }

  /**
   * Makes this collection part of an image: its records are frozen and any write throws. Only a
   * sealed collection can be forked, so a fork can never see its image change.
   */
  seal(): this {
    for (const record of this.all()) deepFreeze(record)
    this.#sealed = true
    return this
  }

  /** A collection that starts with this one's records and copies them on its first write. */
  fork(hooks: CollectionHooks = {}): IndexedCollection<T> {
    if (!this.#sealed) throw new Error('Only a sealed (image) collection can be forked; call seal() first.')
    const fork = new IndexedCollection(this.options, hooks)
    fork.#indexes = this.#indexes
    fork.#source = this
    return fork
  }

  get(key: Key): T | undefined {
    noteRead(this.version)
    return this.#indexes.byKey.get(key)
  }

  /** The record whose unique field `name` has this value. */
  findUnique(name: string, value: Key): T | undefined {
    noteRead(this.version)
    return this.#indexes.unique.find((index) => index.name === name)?.map.get(value)
  }

  /** All records, in insertion order. The array is the store's own: do not mutate it. */
  all(): readonly T[] {
    noteRead(this.version)
    if (this.#source) return this.#source.all()
    return this.#collection ? (this.#collection.all() as T[]) : []
  }

  count(): number {
    return this.all().length
  }

  /** Records `offset` to `offset + limit`, in insertion order, without scanning the rest. */
  slice(offset: number, limit: number): readonly T[] {
    return this.all().slice(offset, offset + limit)
  }

  async create(values: T): Promise<T> {
    this.#hooks.beforeCreate?.()
    const record = (await this.#own().create(values)) as T
    this.#index(record)
    this.#changed({ type: 'put', record })
    return record
  }

  /** Creates records one after another, so insertion order is the order given. */
  async createMany(values: Iterable<T>): Promise<void> {
    for (const value of values) await this.create(value)
  }

  /** Applies `change` to the record with this key and returns the new version (the schema re-checks it). */
  async update(key: Key, change: (draft: T) => void): Promise<T | undefined> {
    const current = this.get(key)
    if (!current) return undefined
    const next = (await this.#own().update(current as never, { data: change as never })) as T | undefined
    if (!next) return undefined
    this.#unindex(current)
    this.#index(next)
    this.#changed({ type: 'put', record: next })
    return next
  }

  delete(key: Key): T | undefined {
    const current = this.get(key)
    if (!current) return undefined
    this.#own().delete(current as never)
    this.#unindex(current)
    this.#changed({ type: 'delete', key })
    return current
  }

  clear(): void {
    if (this.#sealed) this.#refuse()
    // Nothing to copy: a fork that clears starts its own, empty.
    if (this.#source) this.#collection = undefined
    this.#collection?.clear()
    this.#source = undefined
    this.#indexes = {
      byKey: new Map(),
      unique: this.#indexes.unique.map(({ name, key }) => ({ name, key, map: new Map() })),
    }
    this.#changed({ type: 'clear' })
  }

  #refuse(): never {
    throw new Error('This collection belongs to an image, which never changes: write to a world forked from it.')
  }

  /** The collection to write to: for a fork still reading its image, a copy made now. */
  #own(): Collection<StandardSchemaV1<T, T>> {
    if (this.#sealed) this.#refuse()
    const source = this.#source
    if (!source) return (this.#collection ??= new Collection({ schema: this.options.schema }))
    const collection = new Collection({ schema: this.options.schema })
    // The image's records were validated when the image was built and are frozen, so the copy
    // shares them: `all()` is @msw/data's own record array (its docs keep the references).
    const records = collection.all() as T[]
    for (const record of source.all()) records.push(record)
    if (collection.count() !== records.length) throw new Error('@msw/data no longer exposes its record array; update IndexedCollection.#own')
    this.#collection = collection
    this.#indexes = {
      byKey: new Map(source.#indexes.byKey),
      unique: source.#indexes.unique.map(({ name, key, map }) => ({ name, key, map: new Map(map) })),
    }
    this.#source = undefined
    return collection
  }

  #changed(change: CollectionChange) {
    this.version.bump()
    this.#hooks.afterChange?.(change)
  }

  #index(record: T) {
    this.#indexes.byKey.set(this.options.key(record), record)
    for (const index of this.#indexes.unique) {
      const key = index.key(record)
      if (key !== undefined) index.map.set(key, record)
    }
  }

  #unindex(record: T) {
    this.#indexes.byKey.delete(this.options.key(record))
    for (const index of this.#indexes.unique) {
      const key = index.key(record)
      if (key !== undefined) index.map.delete(key)
    }
  }
}
