/**
 * What a user can ask of mockdesk's behaviour: latency, faults at a rate, vendor rate limits,
 * globally, per API and per operation. The same shape is the `behaviour` part of
 * `mockdesk.config.json`, the body of `PUT /__mockdesk/behaviour` and the argument of
 * `mock.behave()`. A more specific level replaces a setting of a wider one (an operation's
 * `faults` replace its API's, which replace the global ones); nothing is merged key by key, so
 * what applies is always one object a person can read.
 */

/** Milliseconds: a fixed delay (`200`), or a range picked per request, seeded (`"200-800"`, `{ min, max }`). */
export type LatencySetting = number | string | { min: number; max: number }

/** A share of requests: `0.05` or `"5%"`. */
export type Rate = number | string

/** The fault kinds mockdesk can inject; see faults.ts for what each one does in each runtime. */
export const faultKinds = ['reset', 'empty', 'truncated', 'malformed', 'hang', 'error'] as const
export type FaultKind = (typeof faultKinds)[number]

export interface FaultSettings {
  /** The connection is reset before any answer (a TCP RST on the server). */
  reset?: Rate
  /** The connection is closed without a single byte of answer. */
  empty?: Rate
  /** The answer's headers and part of its body arrive, then the connection closes. */
  truncated?: Rate
  /** A complete answer whose body is not valid JSON. */
  malformed?: Rate
  /** No answer for `hangMs`, then the connection closes. */
  hang?: Rate
  /**
   * The operation's documented 5xx or 429 answer; `burst` is how many requests in a row get it
   * once it starts (default 1).
   */
  error?: Rate | { rate: Rate; burst?: number }
  /** How long a hang lasts before the connection closes. Default 30000. */
  hangMs?: number
}

/** A vendor's own limit, or a different one (e.g. a short window for tests). */
export interface RateLimitOverride {
  /** Requests per window, for every key. Default: the vendor's documented limit per key. */
  limit?: number
  /** The window in seconds. Default: the vendor's. */
  window?: number
}

export type RateLimitSetting = boolean | RateLimitOverride

export interface OperationBehaviour {
  latency?: LatencySetting
  faults?: FaultSettings
}

export interface ApiBehaviour extends OperationBehaviour {
  rateLimits?: RateLimitSetting
  /** By operationId (as `mockdesk list` prints them). */
  operations?: Record<string, OperationBehaviour>
}

export interface BehaviourSettings extends OperationBehaviour {
  /** Vendor rate limits for every mounted API that documents a 429. Off by default. */
  rateLimits?: RateLimitSetting
  /** By API id. */
  apis?: Record<string, ApiBehaviour>
  /** Seed of the latency and fault choices (default: the data's seed), so a run replays. */
  seed?: number
}
