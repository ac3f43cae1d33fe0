/**
 * Latency, faults and behaviour changes at run time, in process and over real HTTP: every fault
 * is seen by a real client (fetch), and latency is measured on the client's side as "at least
 * the delay" (never an upper bound: the machine is shared).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keys, runtimes, start, timed, type Running } from './support.ts'

// Timers may fire up to a millisecond before a performance.now() reading says they should.
const atLeast = (ms: number) => ms - 1

for (const runtime of runtimes) {
  describe(`behaviour (${runtime})`, () => {
    let mock: Running
    let customers: string
    const get = (headers: Record<string, string> = {}) => timed(customers, { headers: { ...keys.toptickets, ...headers } })

    beforeAll(async () => {
      mock = await start(runtime, { apis: ['toptickets', 'ticketsource'], seed: 42 })
      customers = `${mock.baseUrl('toptickets')}/customers?limit=2`
    })
    afterAll(() => mock.close())

    it('answers at once and whole by default', async () => {
      const outcome = await get()
      expect(outcome.status).toBe(200)
      expect(JSON.parse(outcome.text!)).toHaveLength(2)
    })

    it('Prefer: delay=<ms> delays one request by at least that much', async () => {
      const outcome = await get({ prefer: 'delay=250' })
      expect(outcome.status).toBe(200)
      expect(outcome.ms).toBeGreaterThanOrEqual(atLeast(250))
    })

    it('configured latency applies to every request, per API and per operation', async () => {
      mock.behave({ latency: 120, apis: { toptickets: { operations: { getCustomer: { latency: '300-400' } } } } })
      try {
        const list = await get()
        expect(list.status).toBe(200)
        expect(list.ms).toBeGreaterThanOrEqual(atLeast(120))
        const one = await timed(`${mock.baseUrl('toptickets')}/customers/a1b2c3d4-e5f6-7890-abcd-ef1234567890`, { headers: keys.toptickets })
        expect(one.status).toBe(200)
        expect(one.ms).toBeGreaterThanOrEqual(atLeast(300))
      } finally {
        mock.behave({})
      }
    })

    it('fault=reset: the client sees a network error, not an answer', async () => {
      const outcome = await get({ prefer: 'fault=reset' })
      expect(outcome.status).toBeUndefined()
      expect(outcome.error).toMatch(runtime === 'http' ? /ECONNRESET/ : /Failed to fetch/)
    })

    it('fault=empty: the connection closes with no answer', async () => {
      const outcome = await get({ prefer: 'fault=empty' })
      expect(outcome.status).toBeUndefined()
      expect(outcome.error).toMatch(runtime === 'http' ? /UND_ERR_SOCKET|other side closed/ : /Failed to fetch/)
    })

    it('fault=truncated: the status arrives, the body breaks off', async () => {
      const outcome = await get({ prefer: 'fault=truncated' })
      expect(outcome.status).toBe(200)
      expect(outcome.text).toBeUndefined()
      expect(outcome.error).toBeDefined()
    })

    it('fault=malformed: a complete answer whose JSON does not parse', async () => {
      const outcome = await get({ prefer: 'fault=malformed' })
      expect(outcome.status).toBe(200)
      expect(outcome.headers!.get('content-type')).toMatch(/json/)
      expect(() => JSON.parse(outcome.text!)).toThrow()
    })

    it('fault=hang: nothing for the given time, then the connection closes', async () => {
      const outcome = await get({ prefer: 'fault=hang, delay=300' })
      expect(outcome.status).toBeUndefined()
      expect(outcome.error).toBeDefined()
      expect(outcome.ms).toBeGreaterThanOrEqual(atLeast(300))
    })

    it("fault=error: the operation's documented server error", async () => {
      const outcome = await get({ prefer: 'fault=error' })
      expect(outcome.status).toBe(500)
      expect(JSON.parse(outcome.text!)).toEqual({ detail: 'Internal server error' })
    })

    it('an unknown fault is mockdesk\'s own error naming the known ones', async () => {
      const outcome = await get({ prefer: 'fault=explode' })
      expect(outcome.status).toBe(400)
      expect(outcome.headers!.get('x-mockdesk-error')).toBe('MOCKDESK_BAD_BEHAVIOUR')
      expect(outcome.text).toContain('reset, empty, truncated, malformed, hang, error')
    })

    it('faults at a rate hit only the configured operation; a burst repeats the error', async () => {
      mock.behave({ apis: { toptickets: { operations: { getCustomer: { faults: { error: { rate: 1, burst: 3 } } } } } } })
      try {
        const one = () => timed(`${mock.baseUrl('toptickets')}/customers/a1b2c3d4-e5f6-7890-abcd-ef1234567890`, { headers: keys.toptickets })
        // getCustomer documents 429 and 500: the burst is one of them, the same one three times.
        const statuses = [(await one()).status, (await one()).status, (await one()).status]
        expect([429, 500]).toContain(statuses[0])
        expect(statuses).toEqual([statuses[0], statuses[0], statuses[0]])
        expect((await get()).status).toBe(200)
      } finally {
        mock.behave({})
      }
    })

    it('a seeded rate replays: the same seed gives the same faults in the same order', async () => {
      const pattern = async () => {
        mock.behave({ seed: 7, faults: { empty: '50%' } })
        const seen: string[] = []
        for (let i = 0; i < 12; i++) seen.push((await get()).status === 200 ? 'ok' : 'fault')
        return seen.join(' ')
      }
      try {
        const first = await pattern()
        expect(first).toContain('ok')
        expect(first).toContain('fault')
        expect(await pattern()).toBe(first)
        // A reset keeps the settings and replays their choices from the start.
        await mock.reset()
        const again: string[] = []
        for (let i = 0; i < 12; i++) again.push((await get()).status === 200 ? 'ok' : 'fault')
        expect(again.join(' ')).toBe(first)
      } finally {
        mock.behave({})
      }
    })

    it('behave() refuses a typo, naming the key, and keeps the old settings', () => {
      mock.behave({ latency: 5 })
      expect(() => mock.behave({ lantency: 5 } as never)).toThrow(/lantency: unknown key \(did you mean "latency"\?\)/)
      expect(() => mock.behave({ latency: '800-200' })).toThrow(/latency "800-200" is not a delay|latency/)
      mock.behave({})
    })
  })
}
