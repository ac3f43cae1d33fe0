/**
 * Repeated reads, answered before the pipeline. A read answered from prepared bytes (the response
 * cache, response-cache.ts) is remembered under the request exactly as the client sent it: its
 * identity, which the runtime gives (the HTTP server: method, URL and raw header lines). The same
 * request again gets the same prepared bytes without the URL being parsed, a world chosen, the
 * route matched, the caller authenticated or the parameters validated: on a repeated list those
 * steps cost more server CPU than writing the answer (CPU profile in the README's performance
 * section).
 *
 * Why that is the same answer: each of those steps reads only the request as sent (the method,
 * the URL and the headers, all in the identity) and the state of the world (its records, and the
 * API's fixed configuration). So a remembered read is answered again only while:
 * - it was answered from the default world (a session's world is looked up by name, and can
 *   expire), and that world's version is the one it had (`World.version` moves on every change
 *   to any record, and on reset and restore, so auth or path lookups that read records are covered);
 * - its prepared answer is still in the response cache (not evicted, its collections unchanged);
 * - the behaviour stage adds nothing (no latency, faults or rate limits set; the identity has no
 *   `Prefer` header, or it was not remembered).
 * A read with a body, or with an `Origin` (whose answer gets CORS headers), is not remembered;
 * while a page watches the world's request log (the sandbox page's console wants each exchange's
 * headers and bodies, which the pipeline captures), reads are not repeated.
 *
 * Bounded: at most `maxEntries` identities (about the least recently used go first), none longer than
 * `maxIdentityLength`; the bytes themselves stay in the response cache, within its budget.
 */
import type { World } from './world.ts'

export interface RepeatedRead {
  /** The world that answered, and its version then. */
  world: World
  version: number
  /** The response cache's key for the prepared answer. */
  cacheKey: string
  /** For the request log: the API that answered, method, path and query as sent. */
  api: string
  method: string
  path: string
}

export const defaultMaxRepeatedReads = 4096
/** Identities past this length (requests with large headers, e.g. cookies) are not remembered. */
export const maxIdentityLength = 4096

export class RepeatedReads {
  /**
   * Oldest first. A hit only marks its entry used; eviction gives a used entry a second chance
   * (moved to the end, unmarked) and drops the first unused one: close to least recently used,
   * without moving an entry on every hit (a delete and an insert per repeated read).
   */
  readonly #entries = new Map<string, { read: RepeatedRead; used: boolean }>()

  constructor(readonly maxEntries = defaultMaxRepeatedReads) {}

  get size(): number {
    return this.#entries.size
  }

  /** The read remembered under `identity`, if its world has not changed since. */
  get(identity: string): RepeatedRead | undefined {
    const entry = this.#entries.get(identity)
    if (entry === undefined) return undefined
    if (entry.read.world.version !== entry.read.version) {
      this.#entries.delete(identity)
      return undefined
    }
    entry.used = true
    return entry.read
  }

  remember(identity: string, read: RepeatedRead): void {
    if (this.maxEntries <= 0 || identity.length > maxIdentityLength) return
    this.#entries.delete(identity)
    // New entries start used, so a full ring evicts an older entry, not the one just remembered.
    this.#entries.set(identity, { read, used: true })
    while (this.#entries.size > this.maxEntries) {
      const [oldest, entry] = this.#entries.entries().next().value!
      this.#entries.delete(oldest)
      if (!entry.used) break
      entry.used = false
      this.#entries.set(oldest, entry)
    }
  }

  forget(identity: string): void {
    this.#entries.delete(identity)
  }
}
