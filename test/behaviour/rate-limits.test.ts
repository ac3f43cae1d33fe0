/**
 * Vendor rate limits, in process and over real HTTP: off by default; on, a client is refused with
 * the vendor's own 429 and headers once its key's limit is spent, and gets through again after
 * waiting what those headers say. Windows are shortened to one second so the test waits little;
 * the numbers the vendors document are checked with a full window where cheap.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { keys, runtimes, start, timed, type Running } from './support.ts'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

for (const runtime of runtimes) {
  describe(`rate limits (${runtime})`, () => {
    let mock: Running | undefined
    afterEach(() => mock?.close())

    it('are off by default', async () => {
      mock = await start(runtime, { apis: ['ticketsource'] })
      for (let i = 0; i < 70; i++) {
        const outcome = await timed(`${mock.baseUrl('ticketsource')}/customers?per_page=1`, { headers: keys.ticketsource })
        expect(outcome.status).toBe(200)
        expect(outcome.headers!.has('x-ratelimit-limit')).toBe(false)
      }
    })

    it("TicketSource: Laravel's 60 a minute, its headers, and recovery after Retry-After", async () => {
      mock = await start(runtime, { apis: { ticketsource: { rateLimits: { window: 1 } } }, rateLimits: true })
      const call = () => timed(`${mock!.baseUrl('ticketsource')}/customers?per_page=1`, { headers: keys.ticketsource })
      for (let i = 0; i < 60; i++) {
        const outcome = await call()
        if (outcome.status === 429) {
          // The one-second window ended during the loop on a slow machine: start again.
          await sleep(1000)
          i = -1
          continue
        }
        expect(outcome.headers!.get('x-ratelimit-limit')).toBe('60')
        expect(outcome.headers!.get('x-ratelimit-remaining')).toBe(String(59 - i))
      }
      let refused = await call()
      while (refused.status === 200) refused = await call() // a window may have rolled over meanwhile
      expect(refused.status).toBe(429)
      expect(JSON.parse(refused.text!)).toEqual({ message: 'Too Many Attempts.' })
      expect(refused.headers!.get('x-ratelimit-remaining')).toBe('0')
      expect(refused.headers!.get('x-ratelimit-reset')).toMatch(/^\d{10}$/)
      const retryAfter = Number(refused.headers!.get('retry-after'))
      expect(retryAfter).toBeGreaterThanOrEqual(1)
      await sleep(retryAfter * 1000)
      expect((await call()).status).toBe(200)
    })

    it('TopTickets: 200 a minute for a read-only key (2,000 for admin keys), Retry-After and the wait in the body', async () => {
      mock = await start(runtime, { apis: ['toptickets'], rateLimits: true })
      const readOnly = { Authorization: 'Bearer tt_ro_4h7j2k9l5z8x1c6v3b0n7m4q2w9e5r8t' }
      const call = (headers: Record<string, string>) => timed(`${mock!.baseUrl('toptickets')}/customers?limit=1`, { headers })
      for (let i = 0; i < 200; i++) expect((await call(readOnly)).status).toBe(200)
      const refused = await call(readOnly)
      expect(refused.status).toBe(429)
      const retryAfter = refused.headers!.get('retry-after')
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1)
      expect(JSON.parse(refused.text!)).toEqual({ detail: `Rate limit exceeded. Try again in ${retryAfter} seconds.` })
      // Limits are per key: the admin key has its own, larger allowance.
      expect((await call(keys.toptickets)).status).toBe(200)
    })

    it("billingplatform: Yii's X-Rate-Limit-* headers; waiting X-Rate-Limit-Reset recovers", async () => {
      mock = await start(runtime, { apis: { billingplatform: { rateLimits: { limit: 3, window: 1 } } }, rateLimits: true })
      const call = () => timed(`${mock!.baseUrl('billingplatform')}/tickets/1001`, { headers: keys.billingplatform })
      const first = await call()
      expect(first.status).toBe(200)
      expect(first.headers!.get('x-rate-limit-limit')).toBe('3')
      expect(first.headers!.get('x-rate-limit-remaining')).toBe('2')
      let refused = await call()
      while (refused.status === 200) refused = await call()
      expect(refused.status).toBe(429)
      expect(JSON.parse(refused.text!)).toMatchObject({ name: 'Too Many Requests', message: 'Rate limit exceeded.', status: 429 })
      expect(refused.headers!.has('retry-after')).toBe(false)
      await sleep(Number(refused.headers!.get('x-rate-limit-reset')) * 1000)
      expect((await call()).status).toBe(200)
    })
  })
}
