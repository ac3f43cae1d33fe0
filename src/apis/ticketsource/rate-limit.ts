/**
 * TicketSource's rate limit is Laravel's `throttle:api` middleware (TS1 in specs/README.md):
 * TicketSource publishes no numbers, so the limit is Laravel's default, 60 requests a minute per
 * key. Like the middleware, every answer carries `X-RateLimit-Limit` and `X-RateLimit-Remaining`;
 * the 429 (`{"message": "Too Many Attempts."}`) adds `Retry-After` and `X-RateLimit-Reset`.
 */
import { basicCredentials, bearerToken } from '../../core/credentials.ts'
import type { RateLimitPolicy } from '../../core/behaviour/rate-limit.ts'

export const rateLimit: RateLimitPolicy = {
  key: (request) => bearerToken(request) ?? basicCredentials(request)?.username ?? 'anonymous',
  limit: () => 60,
  windowSeconds: 60,
  headers: (state): Record<string, string> => ({
    'x-ratelimit-limit': String(state.limit),
    'x-ratelimit-remaining': String(state.remaining),
    ...(state.limited && { 'retry-after': String(state.resetSeconds), 'x-ratelimit-reset': String(state.resetAt) }),
  }),
}
