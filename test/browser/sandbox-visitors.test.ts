/**
 * The sandbox page with --visitor-sessions, in two Chromiums (two visitors, two cookie jars): each
 * visitor's reseed and API calls change their own world only, and each page's counts and request
 * log show only its own. Screenshots of both, at a phone's 390 px, go to test/browser/__artifacts__/.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startMockServer, type MockHttpServer } from '../../src/node/index.ts'
import { describeInChromium, launchChromium, type Chromium } from './support/chromium.ts'

const artifacts = 'test/browser/__artifacts__'
const key = 'tt_admin_9f3k2m7x4q8w1e6r5t0y3u2i9o8p7a6s'

describeInChromium('two visitors of the sandbox page', () => {
  let server: MockHttpServer
  const browsers: Chromium[] = []
  const pages: Page[] = []
  const errors: string[] = []
  const streams: string[] = []

  const customersOn = async (page: Page) =>
    Number(await page.locator('#api-toptickets .counts li[data-collection="customers"] strong').textContent())

  beforeAll(async () => {
    server = await startMockServer({ port: 0, count: 30, sessions: { visitorCookie: true } })
    browsers.push(...(await Promise.all([launchChromium(), launchChromium()])))
    for (const browser of browsers) {
      const page = await browser.context.newPage()
      page.on('pageerror', (error) => errors.push(error.message))
      page.on('request', (request) => request.url().includes('/__mockdesk/requests') && streams.push(new URL(request.url()).pathname))
      await page.setViewportSize({ width: 390, height: 844 })
      await page.goto(`${server.url}/`)
      await page.waitForFunction(() => document.querySelector('#seed')?.textContent === '42')
      pages.push(page)
    }
  }, 90_000)

  afterAll(async () => {
    for (const browser of browsers) await browser.close()
    await server?.close()
  })

  it('gives each visitor a world of their own, and says so', async () => {
    const [a, b] = pages as [Page, Page]
    expect(await a.locator('#world').isVisible()).toBe(true)
    const names = (await server.sessions.registry.list()).map((session) => session.name)
    expect(names).toHaveLength(2)
    for (const name of names) expect(name).toMatch(/^visitor-/)
    expect(await customersOn(a)).toBe(30)
    expect(await customersOn(b)).toBe(30)
  })

  it('keeps one visitor’s API calls and reseed out of the other’s page', async () => {
    const [a, b] = pages as [Page, Page]
    // Visitor A's page calls the API (its cookie goes along, as any same-origin call's does).
    const status = await a.evaluate(async (token) => {
      const response = await fetch('/toptickets/v1/customers', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Visitor A', email: 'visitor.a@example.com' }),
      })
      return response.status
    }, key)
    expect(status).toBe(201)
    // Live, without a reload: the log streams (server-sent events) and the counts follow.
    await expect.poll(() => a.locator('#log tr').filter({ hasText: '/toptickets/v1/customers' }).count(), { timeout: 5_000 }).toBeGreaterThan(0)
    await expect.poll(() => customersOn(a)).toBe(31)
    expect(streams).toContain('/__mockdesk/requests/events')
    await b.reload()
    await expect.poll(() => customersOn(b)).toBe(30)
    expect(await b.locator('#log tr').filter({ hasText: '/toptickets/v1/customers' }).count()).toBe(0)

    await a.fill('#new-seed', '7')
    await a.click('#reseed')
    await expect.poll(() => a.locator('#seed').textContent()).toBe('7')
    await b.reload()
    await expect.poll(() => b.locator('#seed').textContent()).toBe('42')
    // Nor did either touch the default world.
    expect(server.mockdesk.world.seed).toBe(42)
    const fallback = await (await fetch(`${server.url}/__mockdesk/health`)).json()
    expect(fallback.apis.find((api: { id: string }) => api.id === 'toptickets').records.customers).toBe(30)
    expect(errors).toEqual([])
  })

  it('downloads a visitor’s world as a snapshot and loads it back', async () => {
    const [a] = pages as [Page, Page]
    await a.fill('#new-seed', '42')
    await a.click('#reseed')
    await expect.poll(() => a.locator('#seed').textContent()).toBe('42')
    await a.evaluate(async (token) => {
      await fetch('/toptickets/v1/customers', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Kept In Snapshot', email: 'kept@example.com' }),
      })
    }, key)
    await expect.poll(() => customersOn(a)).toBe(31)
    const [download] = await Promise.all([a.waitForEvent('download'), a.click('#download')])
    const file = await download.path()
    const snapshot = JSON.parse(readFileSync(file, 'utf8'))
    expect(snapshot.stores.toptickets.collections.customers.map((c: { name: string }) => c.name)).toContain('Kept In Snapshot')

    await a.click('#reset')
    await expect.poll(() => customersOn(a)).toBe(30)
    await a.setInputFiles('#upload', file)
    await expect.poll(() => a.locator('#status').textContent()).toMatch(/^Snapshot .* loaded\.$/)
    expect(await customersOn(a)).toBe(31)
    expect(errors).toEqual([])
  })

  it('saves a screenshot of each visitor’s page at 390 px', async () => {
    mkdirSync(artifacts, { recursive: true })
    for (const [index, page] of pages.entries()) {
      const screenshot = await page.screenshot({ path: `${artifacts}/sandbox-visitor-${'ab'[index]}.png`, fullPage: true })
      expect(screenshot.length).toBeGreaterThan(10_000)
      // Nothing wider than the phone: no sideways scrolling.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    }
  })
})
