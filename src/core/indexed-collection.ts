/**
 * A collection of records, in insertion order, checked against the spec's schema, with hash
 * indexes by id and by unique fields. Handlers look records up by id (and a few by a unique
 * field, like an email) on every request, so those lookups go through a Map; lists read the
 * records in insertion order, which is the order they are served in.
 *
 * Every record is checked against the collection's Standard Schema (the spec's own schema through
 * ajv, json-schema.ts) when it is created and again when an update makes its next version; a
 * record the schema rejects is refused with the schema's issues. A record is a copy of the values
 * given, so a caller's objects never alias the store's. This was `@msw/data`'s `Collection`, with
 * these indexes beside it; in a CPU profile of creates, `@msw/data`'s per-record deep copy (a path
 * array per key), its loggers and its promise chain cost four times the schema check itself, and
 * its update and delete scanned every record for the one they were given. Nothing else of it was
 * used (queries and relations are the indexes here).
 *
 * Copy on write: a sealed collection is part of an image (never written again, records frozen);
 * `fork()` gives a collection that reads the image's records and indexes until its first write,
 * and only then copies them (references, not records: records are immutable, an update makes a
 * new one), inside this same object, so its version (below) bumps as for any write. A new world
 * costs nothing per record until it changes a collection.
 *
 * Each collection also has a version that every write bumps and every read notes (see
 * collection-version.ts): the response cache serves an answer again only while the versions of
 * the collections it read are unchanged, or, for a page read with `slice`, while every write since
 * touched only records past the page.
 */
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

/** A schema's refusal: the message names the collection's schema and every issue. */
export class InvalidRecordError extends Error {
  constructor(
    readonly operation: 'create' | 'update',
    readonly issues: readonly StandardSchemaV1.Issue[],
  ) {
    super(`Failed to ${operation} a record: it does not match the schema: ${issues.map((issue) => issue.message).join('; ')}`)
    this.name = 'InvalidRecordError'
  }
}

/**
 * A copy of plain data (records are JSON values): cheaper than structuredClone for small records.
 * An object is copied by spreading it (V8 clones a plain object's own properties in one step, a
 * third of the time of copying them key by key), then its nested objects and arrays are copied.
 */
function copyPlain<V>(value: V): V {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(copyPlain) as V
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) }
  for (const key in copy) {
    const field = copy[key]
    if (field !== null && typeof field === 'object' && Object.hasOwn(copy, key)) copy[key] = copyPlain(field)
  }
  return copy as V
}

/** How many records of a generated bulk load are checked against the schema (see `createMany`). */
export const generatedRecordsChecked = 1000

export class IndexedCollection<T extends object> {
  /** This collection's own records (undefined while a fork still reads its image's). */
  #records: T[] | undefined
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
    return this.#all()
  }

  /** The records, not noted as read (the image a fork still reads never changes). */
  #all(): readonly T[] {
    return this.#source ? this.#source.#all() : (this.#records ?? [])
  }

  count(): number {
    return this.all().length
  }

  /**
   * Records `offset` to `offset + limit`, in insertion order, without scanning the rest. Noted as
   * a read up to `offset + limit` only: writes past it leave this page as it was (collection-version.ts).
   */
  slice(offset: number, limit: number): readonly T[] {
    const end = offset + limit
    // Only a plain range (no negative offset counting from the end, no NaN) has a reach.
    noteRead(this.version, offset >= 0 && end >= offset ? end : Infinity)
    return this.#all().slice(offset, end)
  }

  async create(values: T): Promise<T> {
    return this.#create(values)
  }

  /**
   * Creates records one after another, so insertion order is the order given. Synchronous inside
   * (the schema check is): seeding a large store pays no promise per record.
   *
   * `generated`: the records come from a seed generator, made for this collection alone and
   * valid by construction, with a test that checks large samples of them against the schema
   * (for TopTickets' customers, seed.test.ts). They are kept as given, not copied, and only the
   * first `generatedRecordsChecked` are checked here, so that a generator that drifts from its
   * spec still fails at start-up. Checking and copying every record was a fifth of seeding a
   * million customers (the schema's formats: uuid, email, uri, date-time).
   */
  async createMany(values: Iterable<T>, { generated = false }: { generated?: boolean } = {}): Promise<void> {
    let toCheck = generated ? generatedRecordsChecked : Infinity
    for (const value of values) {
      if (toCheck-- > 0) this.#create(value)
      else {
        this.#hooks.beforeCreate?.()
        this.#add(value)
      }
    }
  }

  /** Applies `change` to a copy of the record with this key and returns the new version (the schema re-checks it). */
  async update(key: Key, change: (draft: T) => void): Promise<T | undefined> {
    const current = this.get(key)
    if (!current) return undefined
    const records = this.#own()
    const draft = copyPlain(current)
    change(draft)
    const next = this.#checked(draft, 'update')
    const position = records.indexOf(current)
    records[position] = next
    this.#unindex(current)
    this.#index(next)
    this.#changed({ type: 'put', record: next }, position)
    return next
  }

  delete(key: Key): T | undefined {
    const current = this.get(key)
    if (!current) return undefined
    const records = this.#own()
    const position = records.indexOf(current)
    records.splice(position, 1)
    this.#unindex(current)
    this.#changed({ type: 'delete', key }, position)
    return current
  }

  clear(): void {
    if (this.#sealed) this.#refuse()
    // Nothing to copy: a fork that clears starts its own, empty.
    this.#records = []
    this.#source = undefined
    this.#indexes = {
      byKey: new Map(),
      unique: this.#indexes.unique.map(({ name, key }) => ({ name, key, map: new Map() })),
    }
    this.#changed({ type: 'clear' }, 0)
  }

  #refuse(): never {
    throw new Error('This collection belongs to an image, which never changes: write to a world forked from it.')
  }

  #create(values: T): T {
    this.#hooks.beforeCreate?.()
    return this.#add(this.#checked(copyPlain(values), 'create'))
  }

  /** Adds a record that is already checked and the collection's own. */
  #add(record: T): T {
    const records = this.#own()
    records.push(record)
    this.#index(record)
    this.#changed({ type: 'put', record }, records.length - 1)
    return record
  }

  /** The record as the schema returns it (with its defaults), or the schema's refusal. */
  #checked(record: T, operation: 'create' | 'update'): T {
    const result = this.options.schema['~standard'].validate(record)
    if (result instanceof Promise) throw new Error('IndexedCollection needs a schema that validates synchronously (the spec schemas through ajv do).')
    if (result.issues) throw new InvalidRecordError(operation, result.issues)
    return result.value
  }

  /** The records to write to: for a fork still reading its image, a copy made now. */
  #own(): T[] {
    if (this.#sealed) this.#refuse()
    const source = this.#source
    if (!source) return (this.#records ??= [])
    // The image's records were validated when the image was built and are frozen: the copy shares them.
    this.#records = source.all().slice()
    this.#indexes = {
      byKey: new Map(source.#indexes.byKey),
      unique: source.#indexes.unique.map(({ name, key, map }) => ({ name, key, map: new Map(map) })),
    }
    this.#source = undefined
    return this.#records
  }

  /** After a write; `lowest`: the lowest position it touched (a create: the new last one). */
  #changed(change: CollectionChange, lowest: number) {
    this.version.bump(lowest)
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
