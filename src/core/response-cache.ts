/**
 * Answers to reads, kept as the bytes already sent. A mock's data changes only on writes, so a
 * list or record whose collections have not changed since the last identical request can be
 * answered from prepared bytes instead of being looked up and serialized again (the list's main
 * costs in a CPU profile: `JSON.stringify`, building the page's objects, and the garbage they
 * leave).
 *
 * - Keyed by the store instance (each world or session has its own: an id per store object, held
 *   weakly), the operation, the request URL as sent (the handlers see it: TicketSource's links
 *   keep its query), the caller's identity (whatever `authenticate` returned: key, role, scopes),
 *   and the validated header parameters.
 * - Valid while every collection the answer read is at the version it had (collection-version.ts):
 *   any write bumps the versions it touches, and the next read builds the answer afresh; except
 *   that a page read by position stays valid while the writes since touched only records past it
 *   (a create appends: the first page of a list is served again after it, byte for byte).
 * - Bounded: least recently used answers are dropped once the bodies and keys together pass
 *   `maxBytes` (default 32 MiB per mockdesk instance); an answer larger than an eighth of the
 *   budget is not kept at all. `maxBytes: 0` turns the cache off.
 * - Invisible on the wire: the same status, headers and bytes as a fresh answer, no new headers.
 *
 * For copy-on-write worlds: an answer names the store object and the collection versions it read.
 * A world that copies a collection on its first write must do it inside the `IndexedCollection`
 * it already exposes (so that collection's version bumps), or expose a new store object; swapping
 * in another collection under the same store object would leave a cached read pointing at the
 * old, unchanged version.
 */
import type { CollectionVersion, TrackedReads } from './collection-version.ts'

export const defaultResponseCacheBytes = 32 * 2 ** 20

/** Bytes counted per entry beyond its body and key: the entry object, its dependencies, the map slot. */
const entryOverhead = 256

export interface CachedAnswer {
  status: number
  /** Plain, frozen: each Response built from it copies them. */
  headers: Readonly<Record<string, string>>
  body: Uint8Array<ArrayBuffer>
}

interface Entry extends CachedAnswer {
  /** Each collection read: its version then (moved on when later writes left the answer as it was), and how far it was read. */
  dependencies: Array<[version: CollectionVersion, value: number, reach: number]>
  bytes: number
}

const storeIds = new WeakMap<object, number>()
let lastStoreId = 0

/** A number per store object, so keys can name a store without holding it (or its records). */
export function storeIdOf(store: object): number {
  let id = storeIds.get(store)
  if (id === undefined) storeIds.set(store, (id = ++lastStoreId))
  return id
}

const setsSorted = (_: string, value: unknown) => (value instanceof Set ? [...value].sort() : value)

/**
 * The caller's identity as a string; Sets (scopes, permissions) sorted, so equal callers match.
 * Every request pays for it, so the usual flat principal (`{ key, role, scopes }`) is read field
 * by field; JSON.stringify with a replacer (which calls back per value) only for nested ones.
 */
export function principalKey(principal: unknown): string {
  if (principal === null || typeof principal !== 'object') return JSON.stringify(principal ?? null)
  // A frozen principal is one an API made once and hands out again (TopTickets: one per key) and
  // promises never to change: its key is worked out once (6 µs a time, for every read that goes
  // through the pipeline).
  const frozen = Object.isFrozen(principal)
  if (frozen) {
    const known = frozenPrincipalKeys.get(principal)
    if (known !== undefined) return known
  }
  let key = ''
  for (const [name, value] of Object.entries(principal)) {
    const text =
      value instanceof Set ? JSON.stringify([...value].sort())
      : typeof value === 'object' && value !== null ? JSON.stringify(value, setsSorted)
      : JSON.stringify(value)
    key += `${JSON.stringify(name)}:${text},`
  }
  if (frozen) frozenPrincipalKeys.set(principal, key)
  return key
}

const frozenPrincipalKeys = new WeakMap<object, string>()

export class ResponseCache {
  /** In least- to most-recently-used order: a Map iterates in insertion order and a hit re-inserts. */
  readonly #entries = new Map<string, Entry>()
  #bytes = 0

  constructor(readonly maxBytes = defaultResponseCacheBytes) {}

  get enabled(): boolean {
    return this.maxBytes > 0
  }

  /** Bytes held now (bodies, keys, and a fixed overhead per entry). */
  get bytes(): number {
    return this.#bytes
  }

  get size(): number {
    return this.#entries.size
  }

  /** The answer stored under `key`, if the collections it read are unchanged since. */
  get(key: string): CachedAnswer | undefined {
    const entry = this.#entries.get(key)
    if (entry === undefined) return undefined
    for (const dependency of entry.dependencies) {
      const [version, value, reach] = dependency
      if (version.value === value) continue
      // Read only up to `reach` (a page), and every write since went past it: the same bytes.
      if (reach !== Infinity && version.unchangedBefore(value, reach)) {
        dependency[1] = version.value
        continue
      }
      this.#delete(key, entry)
      return undefined
    }
    this.#entries.delete(key)
    this.#entries.set(key, entry)
    return entry
  }

  /** Keeps an answer whose reads were tracked; answers that read nothing tracked are not kept. */
  set(key: string, answer: CachedAnswer, reads: TrackedReads): void {
    if (reads.changedDuringRun || reads.versions.size === 0) return
    const bytes = answer.body.byteLength + key.length * 2 + entryOverhead
    if (bytes > this.maxBytes / 8) return
    const previous = this.#entries.get(key)
    if (previous) this.#delete(key, previous)
    const dependencies = [...reads.versions].map(([version, value]): Entry['dependencies'][number] => [version, value, reads.reach.get(version) ?? Infinity])
    this.#entries.set(key, { ...answer, dependencies, bytes })
    this.#bytes += bytes
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break
      this.#delete(oldest, entry)
    }
  }

  clear(): void {
    this.#entries.clear()
    this.#bytes = 0
  }

  #delete(key: string, entry: Entry) {
    this.#entries.delete(key)
    this.#bytes -= entry.bytes
  }
}
