/**
 * Behaviour in a real Chromium, through mockdesk's service worker started from a config file:
 * latency measured by page code as "at least the delay", each fault as the browser's fetch sees
 * it (a worker cannot reset a TCP connection, so reset, empty and hang are network errors), a
 * rate limit hit and recovered from with the vendor's headers, and behave() at run time.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInChromium, launchChromium, type Chromium } from './support/chromium.ts'
import { serveWorkerPage } from './support/worker-page.ts'

interface Outcome {
  ms: number
  status?: number
  headers: Record<string, string>
  text?: string
  error?: string
}
type TestWindow = { mockdeskTest: { behave(settings: unknown): void; timed(url: string, headers: Record<string, string>): Promise<Outcome> } }

const topTickets = 'https://api.toptickets.app/v1'
const admin = { Authorization: 'Bearer tt_admin_9f3k2m7x4q8w1e6r5t0y3u2i9o8p7a6s' }
const atLeast = (ms: number) => ms - 1

describeInChromium('behaviour in the browser (service worker)', () => {
  let chromium: Chromium
  let site: Awaited<ReturnType<typeof serveWorkerPage>>
  let page: Page
  const timed = (url: string, headers: Record<string, string> = {}) =>
    page.evaluate(([url, headers]) => (window as unknown as TestWindow).mockdeskTest.timed(url, headers), [url, headers] as const)
  const behave = (settings: unknown) => page.evaluate((settings) => (window as unknown as TestWindow).mockdeskTest.behave(settings), settings)
  const list = (headers: Record<string, string> = {}) => timed(`${topTickets}/customers?limit=2`, { ...admin, ...headers })

  beforeAll(async () => {
    ;[site, chromium] = await Promise.all([serveWorkerPage('test/browser/behaviour-page/main.ts'), launchChromium()])
    page = await chromium.context.newPage()
    await page.goto(`${site.url}/`)
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 })
  }, 120_000)
  afterAll(async () => {
    await chromium?.close()
    await site?.close()
  })

  it('answers whole and at once by default', async () => {
    const outcome = await list()
    expect(outcome.status).toBe(200)
    expect(JSON.parse(outcome.text!)).toHaveLength(2)
  })

  it("the config's per-operation latency, measured by page code", async () => {
    const outcome = await timed(`${topTickets}/customers/a1b2c3d4-e5f6-7890-abcd-ef1234567890`, admin)
    expect(outcome.status).toBe(200)
    expect(outcome.ms).toBeGreaterThanOrEqual(atLeast(300))
  })

  it('Prefer: delay=<ms>', async () => {
    const outcome = await list({ prefer: 'delay=250' })
    expect(outcome.status).toBe(200)
    expect(outcome.ms).toBeGreaterThanOrEqual(atLeast(250))
  })

  for (const fault of ['reset', 'empty']) {
    it(`fault=${fault}: the browser's fetch fails with a network error`, async () => {
      const outcome = await list({ prefer: `fault=${fault}` })
      expect(outcome.status).toBeUndefined()
      expect(outcome.error).toMatch(/TypeError: Failed to fetch/)
    })
  }

  it('fault=hang: nothing for the given time, then a network error', async () => {
    const outcome = await list({ prefer: 'fault=hang, delay=300' })
    expect(outcome.error).toMatch(/TypeError: Failed to fetch/)
    expect(outcome.ms).toBeGreaterThanOrEqual(atLeast(300))
  })

  it('fault=truncated: the status arrives, reading the body fails', async () => {
    const outcome = await list({ prefer: 'fault=truncated' })
    expect(outcome.status).toBe(200)
    expect(outcome.text).toBeUndefined()
    expect(outcome.error).toMatch(/TypeError/)
  })

  it('fault=malformed: a complete answer whose JSON does not parse', async () => {
    const outcome = await list({ prefer: 'fault=malformed' })
    expect(outcome.status).toBe(200)
    expect(() => JSON.parse(outcome.text!)).toThrow()
  })

  it("fault=error: the operation's documented server error", async () => {
    const outcome = await list({ prefer: 'fault=error' })
    expect(outcome.status).toBe(500)
    expect(JSON.parse(outcome.text!)).toEqual({ detail: 'Internal server error' })
  })

  it("TicketSource's rate limit (2 per second here): 429 with its headers, then through after Retry-After", async () => {
    const call = () => timed('https://api.ticketsource.io/customers?per_page=1', { Authorization: 'Bearer skl-7kq2m9xw4p' })
    let refused = await call()
    while (refused.status === 200) refused = await call()
    expect(refused.status).toBe(429)
    expect(JSON.parse(refused.text!)).toEqual({ message: 'Too Many Attempts.' })
    expect(refused.headers['x-ratelimit-limit']).toBe('2')
    expect(refused.headers['x-ratelimit-remaining']).toBe('0')
    const retryAfter = Number(refused.headers['retry-after'])
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000))
    const after = await call()
    expect(after.status).toBe(200)
    expect(after.headers['x-ratelimit-remaining']).toBe('1')
  })

  it('behave() changes the behaviour at run time; {} answers at once again', async () => {
    await behave({ faults: { empty: 1 } })
    expect((await list()).error).toMatch(/Failed to fetch/)
    await behave({})
    expect((await list()).status).toBe(200)
    await expect(behave({ lantency: 5 })).rejects.toThrow(/lantency: unknown key/)
  })
})
