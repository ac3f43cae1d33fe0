/**
 * Vendor rate limits: each API that documents a 429 describes its own policy (who a request
 * counts against, how many requests per window, which headers say so); this file counts.
 * A fixed window per key, opened by the key's first request: what Laravel's throttle middleware
 * does, and close enough to the token buckets of others for a client's back-off to be tested
 * (each API's choice is recorded in specs/README.md).
 */
export interface RateLimitState {
  limit: number
  /** Requests left in this window after this one (0 when limited). */
  remaining: number
  /** Whole seconds until the window ends (at least 1). */
  resetSeconds: number
  /** The window's end, as a Unix time in seconds. */
  resetAt: number
  /** True when this request is over the limit and gets the vendor's 429. */
  limited: boolean
}

export interface RateLimitPolicy {
  /** The bucket a request counts against: the vendor's key (its credential), or "anonymous". */
  key(request: Request): string
  /** Requests allowed per window for a key, as the vendor documents it (or a stated assumption). */
  limit(key: string): number
  /** The window, in seconds. */
  windowSeconds: number
  /** The vendor's headers for this state: on every answer while limits are on, and on the 429. */
  headers(state: RateLimitState): Record<string, string>
  /** The 429 body, when it says more than the documented example (e.g. the seconds to wait). */
  body?(state: RateLimitState): unknown
}

/** A bound on remembered keys, so random keys cannot grow the map without end. */
const maxKeys = 10_000

export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>()

  /** Counts one request for `key` and says where it stands. */
  hit(key: string, limit: number, windowSeconds: number, now = Date.now()): RateLimitState {
    const windowMs = windowSeconds * 1000
    let window = this.#windows.get(key)
    if (!window || now >= window.start + windowMs) {
      if (!window && this.#windows.size >= maxKeys) this.#windows.delete(this.#windows.keys().next().value!)
      window = { start: now, count: 0 }
      this.#windows.set(key, window)
    }
    window.count++
    const end = window.start + windowMs
    return {
      limit,
      remaining: Math.max(0, limit - window.count),
      resetSeconds: Math.max(1, Math.ceil((end - now) / 1000)),
      resetAt: Math.ceil(end / 1000),
      limited: window.count > limit,
    }
  }

  clear(): void {
    this.#windows.clear()
  }
}
