import type { RequestExchange } from './request-exchange.ts'

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
/** Memory for the exchanges (headers and bodies) a log keeps; the oldest go first beyond it. */
export const exchangeBudgetChars = 256 * 1024

/** A log entry with its headers and bodies, when they were kept. */
export type LoggedExchange = LoggedRequest & { exchange?: RequestExchange }

export class RequestLog {
  /**
   * The kept entries, a ring: in order of arrival until it is full, then `#oldest` is where the
   * oldest sits and the next entry goes (an array's `shift` per request moved every entry).
   */
  readonly #ring: LoggedRequest[] = []
  #oldest = 0
  readonly #listeners = new Set<(entry: LoggedRequest) => void>()
  /** Exchanges by seq, oldest first, within exchangeBudgetChars. */
  readonly #exchanges = new Map<number, { exchange: RequestExchange; size: number }>()
  #exchangeChars = 0
  #watchers = 0
  #seq = 0

  constructor(readonly size = defaultRequestLogSize) {}

  /**
   * Keeps a copy of `entry` with the next sequence number. The copy is made field by field, so
   * every entry has the same shape and fields left undefined are absent (as they are on the wire):
   * it runs on every request, and copying by spread cost several times more.
   */
  record(entry: Omit<LoggedRequest, 'seq'>, exchange?: RequestExchange): LoggedRequest {
    const logged: LoggedRequest = { seq: ++this.#seq, at: entry.at, method: entry.method, path: entry.path, status: entry.status, ms: entry.ms }
    if (entry.api !== undefined) logged.api = entry.api
    if (entry.session !== undefined) logged.session = entry.session
    if (entry.delay !== undefined) logged.delay = entry.delay
    if (entry.fault !== undefined) logged.fault = entry.fault
    if (this.#ring.length < this.size) this.#ring.push(logged)
    else if (this.size > 0) {
      this.#forget(this.#ring[this.#oldest]!.seq)
      this.#ring[this.#oldest] = logged
      this.#oldest = (this.#oldest + 1) % this.size
    }
    if (exchange && this.size > 0) this.#keep(logged.seq, exchange)
    if (this.#listeners.size > 0) for (const listener of this.#listeners) listener(logged)
    return logged
  }

  /** The kept entries, oldest first. */
  #inOrder(): LoggedRequest[] {
    return this.#oldest === 0 ? this.#ring : [...this.#ring.slice(this.#oldest), ...this.#ring.slice(0, this.#oldest)]
  }

  #keep(seq: number, exchange: RequestExchange) {
    // Roughly what it holds in memory (a type-only import keeps the browser bundle without it).
    const size = JSON.stringify(exchange).length
    this.#exchanges.set(seq, { exchange, size })
    this.#exchangeChars += size
    for (const [oldest] of this.#exchanges) {
      if (this.#exchangeChars <= exchangeBudgetChars) break
      this.#forget(oldest)
    }
  }

  #forget(seq: number) {
    const kept = this.#exchanges.get(seq)
    if (!kept) return
    this.#exchanges.delete(seq)
    this.#exchangeChars -= kept.size
  }

  /**
   * Says someone shows this log with headers and bodies (the sandbox page's live log): while
   * anyone does, the server keeps each request's exchange. Returns the way to stop watching.
   */
  watch(): () => void {
    this.#watchers++
    let stopped = false
    return () => {
      if (!stopped) this.#watchers--
      stopped = true
    }
  }

  get watched(): boolean {
    return this.#watchers > 0
  }

  /** One kept entry with its exchange, if that was kept too. */
  entry(seq: number): LoggedExchange | undefined {
    const entry = this.#ring.find((logged) => logged.seq === seq)
    return entry && this.withExchange(entry)
  }

  withExchange(entry: LoggedRequest): LoggedExchange {
    const kept = this.#exchanges.get(entry.seq)
    return kept ? { ...entry, exchange: kept.exchange } : entry
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
    return this.#inOrder().filter((entry) => entry.seq > after)
  }

  /** The sequence number of the newest entry ever recorded (0 when none). */
  get last(): number {
    return this.#seq
  }

  clear(): void {
    this.#ring.length = 0
    this.#oldest = 0
    this.#exchanges.clear()
    this.#exchangeChars = 0
  }
}
