/**
 * The same seed gives the same TopTickets customers, byte for byte, in Chromium as in Node: the
 * seed generator's draws, strings and number formatting depend on nothing of the runtime.
 */
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import api from '../../src/apis/toptickets/index.ts'
import { describeInChromium, launchChromium, type Chromium } from './support/chromium.ts'
import { serveWorkerPage } from './support/worker-page.ts'

// The default count, and more than the store checks against the schema at seed time.
const cases = [
  { seed: 42, count: 150 },
  { seed: 7, count: 20_000 },
  { seed: 2 ** 31 - 1, count: 3_000 },
]

describeInChromium('TopTickets seeding in Chromium', () => {
  let browser: Chromium
  let site: Awaited<ReturnType<typeof serveWorkerPage>>
  beforeAll(async () => {
    ;[browser, site] = await Promise.all([launchChromium(), serveWorkerPage('test/browser/seed-page/main.ts')])
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await site?.close()
  })

  it('gives the very bytes Node gives for the same seed and count', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${site.url}/?cases=${encodeURIComponent(JSON.stringify(cases))}`)
    await page.waitForFunction(() => document.body.dataset.digests !== undefined, undefined, { timeout: 60_000 })
    const inChromium = JSON.parse((await page.evaluate(() => document.body.dataset.digests))!) as string[]
    const inNode = await Promise.all(
      cases.map(async ({ seed, count }) => createHash('sha256').update(JSON.stringify((await api.createStore({ seed, count })).customers.all())).digest('hex')),
    )
    expect(inChromium).toEqual(inNode)
    expect(new Set(inNode).size).toBe(cases.length)
  }, 90_000)
})
