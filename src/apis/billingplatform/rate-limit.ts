/**
 * billingplatform.uk's rate limit is Yii 2's `RateLimiter` filter (B2 in specs/README.md). The
 * docs give no numbers, so the limit is the Yii 2 guide's own example, 100 requests per 600
 * seconds per key. Like the filter, every answer carries `X-Rate-Limit-Limit`,
 * `X-Rate-Limit-Remaining` and `X-Rate-Limit-Reset` (seconds until the full allowance is back);
 * the 429 is Yii's `Rate limit exceeded.` and, as in Yii, has no `Retry-After`.
 */
import { bearerToken } from '../../core/credentials.ts'
import type { RateLimitPolicy } from '../../core/behaviour/rate-limit.ts'

export const rateLimit: RateLimitPolicy = {
  key: (request) => bearerToken(request) ?? 'anonymous',
  limit: () => 100,
  windowSeconds: 600,
  headers: (state) => ({
    'x-rate-limit-limit': String(state.limit),
    'x-rate-limit-remaining': String(state.remaining),
    'x-rate-limit-reset': String(state.resetSeconds),
  }),
}
