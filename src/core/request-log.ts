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
  readonly #entries: LoggedRequest[] = []
  readonly #listeners = new Set<(entry: LoggedRequest) => void>()
  /** Exchanges by seq, oldest first, within exchangeBudgetChars. */
  readonly #exchanges = new Map<number, { exchange: RequestExchange; size: number }>()
  #exchangeChars = 0
  #watchers = 0
  #seq = 0

  constructor(readonly size = defaultRequestLogSize) {}

  record(entry: Omit<LoggedRequest, 'seq'>, exchange?: RequestExchange): LoggedRequest {
    const logged = { seq: ++this.#seq, ...entry }
    this.#entries.push(logged)
    if (this.#entries.length > this.size) this.#forget(this.#entries.shift()!.seq)
    if (exchange) this.#keep(logged.seq, exchange)
    for (const listener of this.#listeners) listener(logged)
    return logged
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
    const entry = this.#entries.find((logged) => logged.seq === seq)
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
    return this.#entries.filter((entry) => entry.seq > after)
  }

  /** The sequence number of the newest entry ever recorded (0 when none). */
  get last(): number {
    return this.#seq
  }

  clear(): void {
    this.#entries.length = 0
    this.#exchanges.clear()
    this.#exchangeChars = 0
  }
}
