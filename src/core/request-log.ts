/**
 * The last requests the mock answered, for the sandbox page's live log. A bounded ring buffer:
 * a long-running demo server must not grow without end, and a page only shows the recent ones.
 * Each entry has a sequence number, so a poller asks only for what it has not seen (`after`).
 */
export interface LoggedRequest {
  seq: number
  /** ISO time the request arrived. */
  at: string
  method: string
  /** Path and query, as the client sent them. */
  path: string
  status: number
  /** Time to answer, in milliseconds. */
  ms: number
  /** The mounted API that answered, if any. */
  api?: string
  /** The session whose world answered (in the log of every world only). */
  session?: string
  /** The delay the behaviour stage added, in milliseconds. */
  delay?: number
  /** The fault injected ("reset", "truncated", ...), or "rate-limited" for a vendor 429. */
  fault?: string
}

export const defaultRequestLogSize = 200

export class RequestLog {
  readonly #entries: LoggedRequest[] = []
  readonly #listeners = new Set<(entry: LoggedRequest) => void>()
  #seq = 0

  constructor(readonly size = defaultRequestLogSize) {}

  record(entry: Omit<LoggedRequest, 'seq'>): LoggedRequest {
    const logged = { seq: ++this.#seq, ...entry }
    this.#entries.push(logged)
    if (this.#entries.length > this.size) this.#entries.shift()
    for (const listener of this.#listeners) listener(logged)
    return logged
  }

  /**
   * Calls `listener` with each entry as it is recorded (the server's log lines, the live log's
   * server-sent events); returns an unsubscribe.
   */
  subscribe(listener: (entry: LoggedRequest) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Entries newer than `after` (all kept ones by default), oldest first. */
  since(after = 0): LoggedRequest[] {
    return this.#entries.filter((entry) => entry.seq > after)
  }

  /** The sequence number of the newest entry ever recorded (0 when none). */
  get last(): number {
    return this.#seq
  }

  clear(): void {
    this.#entries.length = 0
  }
}
