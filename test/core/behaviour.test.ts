/**
 * The behaviour stage's pieces without a runtime: seeded choices replay, latency and rates parse
 * as people write them, and the rate limiter's fixed window.
 */
import { describe, expect, it } from 'vitest'
import { parseLatency, pickDelay } from '../../src/core/behaviour/latency.ts'
import { preferDirectives } from '../../src/core/behaviour/prefer-directives.ts'
import { parseRate } from '../../src/core/behaviour/rate.ts'
import { RateLimiter } from '../../src/core/behaviour/rate-limit.ts'
import { seededRandom } from '../../src/core/behaviour/seeded-random.ts'
import { createMockdesk } from '../../src/core/mockdesk.ts'
import { selectApis } from '../../src/apis/select-apis.ts'

describe('seeded choices', () => {
  it('replay: the same seed and stream give the same numbers, another seed or stream others', () => {
    const draw = (seed: number, stream: string) => Array.from({ length: 5 }, seededRandom(seed, stream))
    expect(draw(42, 'toptickets listCustomers')).toEqual(draw(42, 'toptickets listCustomers'))
    expect(draw(42, 'toptickets listCustomers')).not.toEqual(draw(43, 'toptickets listCustomers'))
    expect(draw(42, 'toptickets listCustomers')).not.toEqual(draw(42, 'toptickets getCustomer'))
    for (const value of draw(1, 'x')) expect(value >= 0 && value < 1).toBe(true)
  })

  it('a latency range picks replayable delays within it', () => {
    const range = parseLatency('200-800')
    const delays = (seed: number) => {
      const random = seededRandom(seed, 'op')
      return Array.from({ length: 20 }, () => pickDelay(range, random))
    }
    expect(delays(7)).toEqual(delays(7))
    for (const delay of delays(7)) expect(delay >= 200 && delay <= 800).toBe(true)
    expect(new Set(delays(7)).size).toBeGreaterThan(1)
  })

  it('each request through the pipeline waits at least its seeded delay', async () => {
    const delaysOf = async () => {
      const mockdesk = await createMockdesk(selectApis(['toptickets']), { seed: 11, behaviour: { latency: { min: 1, max: 40 } } })
      const route = mockdesk.apis[0]!.compiled.routes.find((candidate) => candidate.method === 'GET' && candidate.names.length === 0)!
      const delays: number[] = []
      for (let i = 0; i < 4; i++) {
        const started = performance.now()
        await route.resolve(new Request('https://api.toptickets.app/v1/customers', { headers: { authorization: 'Bearer tt_admin_9f3k2m7x4q8w1e6r5t0y3u2i9o8p7a6s' } }), {})
        delays.push(performance.now() - started)
      }
      return delays
    }
    // Measured times vary; each is at least the seeded delay, so compare the chosen delays instead.
    const random = seededRandom(11, 'toptickets listCustomers')
    const chosen = Array.from({ length: 4 }, () => (random(), pickDelay({ min: 1, max: 40 }, random)))
    const measured = await delaysOf()
    measured.forEach((ms, index) => expect(ms).toBeGreaterThanOrEqual(chosen[index]! - 1))
  })
})

describe('parsing', () => {
  it('latency: milliseconds, a range, or min/max; anything else is refused', () => {
    expect(parseLatency(200)).toEqual({ min: 200, max: 200 })
    expect(parseLatency('200-800')).toEqual({ min: 200, max: 800 })
    expect(parseLatency('150ms')).toEqual({ min: 150, max: 150 })
    expect(parseLatency({ min: 1, max: 2 })).toEqual({ min: 1, max: 2 })
    for (const bad of ['fast', '800-200', -5, { min: 3, max: 1 }]) expect(() => parseLatency(bad as never)).toThrow(/is not a delay/)
  })

  it('rates: a share or a percentage', () => {
    expect(parseRate(0.05, 'x')).toBe(0.05)
    expect(parseRate('5%', 'x')).toBe(0.05)
    for (const bad of [1.5, '5', '-1%', 'often']) expect(() => parseRate(bad as never, 'faults.reset')).toThrow(/faults.reset .* is not a rate/)
  })

  it('Prefer: delay= and fault=, beside code=', () => {
    expect(preferDirectives('code=429')).toEqual({})
    expect(preferDirectives('fault=hang, delay=2000')).toEqual({ fault: 'hang', delay: 2000 })
    expect(() => preferDirectives('delay=soon')).toThrow(/whole milliseconds/)
    expect(() => preferDirectives('delay=999999')).toThrow(/whole milliseconds/)
    expect(() => preferDirectives('fault=boom')).toThrow(/not a fault mockdesk knows/)
  })
})

describe('the rate limiter', () => {
  it('counts per key in a fixed window opened by the first request, then starts over', () => {
    const limiter = new RateLimiter()
    const at = 1_000_000
    expect(limiter.hit('a', 2, 60, at)).toMatchObject({ remaining: 1, limited: false, resetSeconds: 60 })
    expect(limiter.hit('a', 2, 60, at + 1000)).toMatchObject({ remaining: 0, limited: false, resetSeconds: 59 })
    expect(limiter.hit('a', 2, 60, at + 30_500)).toMatchObject({ remaining: 0, limited: true, resetSeconds: 30, resetAt: Math.ceil((at + 60_000) / 1000) })
    expect(limiter.hit('b', 2, 60, at + 30_500)).toMatchObject({ limited: false })
    expect(limiter.hit('a', 2, 60, at + 60_000)).toMatchObject({ remaining: 1, limited: false })
  })
})
