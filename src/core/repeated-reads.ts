/**
 * Repeated reads, answered before the pipeline. A read answered from prepared bytes (the response
 * cache, response-cache.ts) is remembered under the request exactly as the client sent it: its
 * identity, which the runtime gives (the HTTP server: a GET's URL and raw header lines). The same
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
 * Bounded: at most `maxEntries` identities (about the least recently used paths go first, and at
 * most `maxPerPath` per path and query), none longer than `maxIdentityLength`; the bytes
 * themselves stay in the response cache, within its budget.
 */
import type { World } from './world.ts'

/**
 * A GET request exactly as the client sent it: its path and query as sent, and its raw header
 * lines (names and values as they came, in order). Kept apart rather than joined into one string:
 * a lookup then hashes only the short path and compares the header lines, where joining and
 * hashing a few hundred characters per request was the largest of mockdesk's own costs on a
 * repeated read (CPU profile).
 */
export interface RequestIdentity {
  url: string
  rawHeaders: readonly string[]
}

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
/** Identities kept per path and query (clients that send different headers to the same URL). */
export const maxPerPath = 8

interface Remembered {
  rawHeaders: readonly string[]
  read: RepeatedRead
}

interface PathEntry {
  /** Oldest first. */
  identities: Remembered[]
  used: boolean
}

const sameLines = (a: readonly string[], b: readonly string[]) => {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

export class RepeatedReads {
  /**
   * By path and query, oldest first. A hit only marks its path used; eviction gives a used path a
   * second chance (moved to the end, unmarked) and drops the first unused one: close to least
   * recently used, without moving an entry on every hit (a delete and an insert per repeated read).
   */
  readonly #paths = new Map<string, PathEntry>()
  #size = 0

  constructor(readonly maxEntries = defaultMaxRepeatedReads) {}

  /** Identities remembered. */
  get size(): number {
    return this.#size
  }

  /** The read remembered under `identity`, if its world has not changed since. */
  get(identity: RequestIdentity): RepeatedRead | undefined {
    const entry = this.#paths.get(identity.url)
    if (entry === undefined) return undefined
    const { identities } = entry
    for (let i = 0; i < identities.length; i++) {
      const remembered = identities[i]!
      if (!sameLines(remembered.rawHeaders, identity.rawHeaders)) continue
      const { read } = remembered
      if (read.world.version !== read.version) {
        this.#drop(identity.url, entry, i)
        return undefined
      }
      entry.used = true
      return read
    }
    return undefined
  }

  remember(identity: RequestIdentity, read: RepeatedRead): void {
    if (this.maxEntries <= 0) return
    let length = identity.url.length
    for (const line of identity.rawHeaders) length += line.length + 1
    if (length > maxIdentityLength) return
    this.forget(identity)
    let entry = this.#paths.get(identity.url)
    if (entry === undefined) this.#paths.set(identity.url, (entry = { identities: [], used: true }))
    // Marked used, so a full map evicts an older path before the one just remembered.
    entry.used = true
    entry.identities.push({ rawHeaders: [...identity.rawHeaders], read })
    this.#size++
    if (entry.identities.length > maxPerPath) this.#drop(identity.url, entry, 0)
    while (this.#size > this.maxEntries) {
      const [oldest, first] = this.#paths.entries().next().value!
      this.#paths.delete(oldest)
      if (!first.used) {
        this.#size -= first.identities.length
        continue
      }
      first.used = false
      this.#paths.set(oldest, first)
    }
  }

  forget(identity: RequestIdentity): void {
    const entry = this.#paths.get(identity.url)
    const index = entry?.identities.findIndex((remembered) => sameLines(remembered.rawHeaders, identity.rawHeaders)) ?? -1
    if (index >= 0) this.#drop(identity.url, entry!, index)
  }

  #drop(url: string, entry: PathEntry, index: number) {
    entry.identities.splice(index, 1)
    this.#size--
    if (entry.identities.length === 0) this.#paths.delete(url)
  }
}
