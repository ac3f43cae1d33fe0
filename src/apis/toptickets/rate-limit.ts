/**
 * TopTickets' rate limits, as its rate-limits page gives them (research §1.5): per key, 2,000
 * requests a minute for `tt_admin_` keys and 200 for `tt_ro_`, `tt_agent_` and `tt_live_` ones.
 * Only `Retry-After` is documented (no X-RateLimit-* headers), and the 429 body says the wait:
 * `{"detail": "Rate limit exceeded. Try again in 30 seconds."}`.
 */
import { bearerToken } from '../../core/credentials.ts'
import type { RateLimitPolicy } from '../../core/behaviour/rate-limit.ts'

export const rateLimit: RateLimitPolicy = {
  key: (request) => bearerToken(request) ?? 'anonymous',
  limit: (key) => (key.startsWith('tt_admin_') ? 2000 : 200),
  windowSeconds: 60,
  headers: (state): Record<string, string> => (state.limited ? { 'retry-after': String(state.resetSeconds) } : {}),
  body: (state) => ({ detail: `Rate limit exceeded. Try again in ${state.resetSeconds} seconds.` }),
}
