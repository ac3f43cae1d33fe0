/**
 * The sandbox page's tools in Chromium, two visitors at a phone's 390 px (--visitor-sessions, two
 * cookie jars): the data browser pages, searches and shows one record in full; the request console
 * (Swagger UI served by the server itself) calls an operation with the key it filled in, against
 * the visitor's own world; the log row of that call opens to its headers (key masked) and bodies.
 * Every API's console works with the key it filled in. Neither visitor ever sees the other's
 * records, in the browser or the console. The page breaks no
 * rule of its Content-Security-Policy, and nothing is fetched from another host. Screenshots go to
 * test/browser/__artifacts__/.
 */
import { mkdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startMockServer, type MockHttpServer } from '../../src/node/index.ts'
import { describeInChromium, launchChromium, type Chromium } from './support/chromium.ts'

const artifacts = 'test/browser/__artifacts__'
const key = 'tt_admin_9f3k2m7x4q8w1e6r5t0y3u2i9o8p7a6s'

describeInChromium('the sandbox page’s tools, for two visitors', () => {
  let server: MockHttpServer
  const browsers: Chromium[] = []
  const pages: Page[] = []
  const problems: string[] = []
  const foreign: string[] = []

  beforeAll(async () => {
    server = await startMockServer({ port: 0, count: 30, sessions: { visitorCookie: true } })
    browsers.push(...(await Promise.all([launchChromium(), launchChromium()])))
    for (const browser of browsers) {
      const page = await browser.context.newPage()
      page.on('pageerror', (error) => problems.push(error.message))
      // A CSP violation is reported on the console.
      page.on('console', (message) => message.type() === 'error' && problems.push(message.text()))
      page.on('request', (request) => !request.url().startsWith(server.url) && !request.url().startsWith('blob:') && !request.url().startsWith('data:') && foreign.push(request.url()))
      await page.setViewportSize({ width: 390, height: 844 })
      await page.goto(`${server.url}/`)
      await page.waitForFunction(() => document.querySelectorAll('#data-records li').length > 0)
      pages.push(page)
    }
  }, 90_000)

  afterAll(async () => {
    for (const browser of browsers) await browser.close()
    await server?.close()
  })

  const note = (page: Page) => page.locator('#data-note').textContent()

  it('browses a collection: pages of 20, search, one record in full', async () => {
    const [a] = pages as [Page, Page]
    await a.selectOption('#data-collection', 'toptickets/customers')
    await expect.poll(() => note(a)).toBe('1–20 of 30')
    expect(await a.locator('#data-records li').count()).toBe(20)
    const firstPage = await a.locator('#data-records li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.id))
    await a.click('#data-next')
    await expect.poll(() => note(a)).toBe('21–30 of 30')
    const secondPage = await a.locator('#data-records li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.id))
    expect(secondPage).toHaveLength(10)
    expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([])
    expect(await a.locator('#data-next').isDisabled()).toBe(true)

    // The page's records are the world's: the same ids the API lists, in the same order.
    const listed = (await (await fetch(`${server.baseUrls.toptickets}/customers?limit=30`, { headers: { authorization: `Bearer ${key}` } })).json()) as Array<{ id: string; email: string }>
    expect([...firstPage, ...secondPage]).toEqual(listed.map((customer) => customer.id))

    const someone = listed[25]!
    await a.fill('#data-q', someone.email)
    await expect.poll(() => note(a)).toMatch(/^1–1 of 1 matching/)
    await a.locator('#data-records li button').click()
    await expect.poll(() => a.locator('#data-record-json').textContent()).toContain(someone.email)
    expect(JSON.parse((await a.locator('#data-record-json').textContent())!)).toMatchObject({ id: someone.id, email: someone.email })

    await a.fill('#data-q', 'nobody-has-this-text')
    await expect.poll(() => note(a)).toBe('No record matches “nobody-has-this-text”.')
  }, 60_000)

  it('tries an operation in the console with the key filled in, against the visitor’s own world, and logs it', async () => {
    const [a, b] = pages as [Page, Page]
    await a.selectOption('#console-api', 'toptickets')
    await a.click('#console-open')
    await expect.poll(() => a.locator('#console-note').textContent(), { timeout: 20_000 }).toContain(`authorized with the admin key ${key}`)
    expect(await a.locator('#console-note').textContent()).toContain(server.baseUrls.toptickets)

    const operation = a.locator('.opblock-post').filter({ hasText: '/customers' }).first()
    await operation.locator('.opblock-summary').click()
    const body = operation.locator('textarea.body-param__text')
    await body.fill(JSON.stringify({ name: 'Console Visitor', email: 'console.visitor@example.com' }))
    await operation.locator('button.execute').click()
    await expect.poll(() => operation.locator('.live-responses-table tbody .response-col_status').first().textContent(), { timeout: 10_000 }).toContain('201')

    // The call is in A's log, live; its row opens to the headers (key masked) and both bodies.
    const row = a.locator('#log tr').filter({ hasText: 'POST' }).first()
    await expect.poll(() => row.count(), { timeout: 5_000 }).toBe(1)
    await row.locator('button.path-button').click()
    const detail = a.locator('#log tr.detail').first()
    await expect.poll(() => detail.textContent()).toContain('Bearer [REDACTED]')
    expect(await detail.textContent()).not.toContain(key)
    expect(await detail.locator('pre.body').first().textContent()).toContain('console.visitor@example.com')
    expect(await detail.locator('pre.body').nth(1).textContent()).toContain('"id"')

    // A's data browser has the new customer; B's world never had it, in the browser or the console.
    await a.fill('#data-q', 'console.visitor')
    await expect.poll(() => note(a)).toMatch(/^1–1 of 1 matching/)
    await b.selectOption('#data-collection', 'toptickets/customers')
    await b.fill('#data-q', 'console.visitor')
    await expect.poll(() => note(b)).toBe('No record matches “console.visitor”.')
    await b.selectOption('#console-api', 'toptickets')
    await b.click('#console-open')
    await expect.poll(() => b.locator('#console-note').textContent(), { timeout: 20_000 }).toContain('authorized with')
    const list = b.locator('.opblock-get').filter({ hasText: '/customers' }).first()
    await list.locator('.opblock-summary').click()
    await list.locator('button.execute').click()
    await expect.poll(() => list.locator('.live-responses-table tbody .response-col_status').first().textContent(), { timeout: 10_000 }).toContain('200')
    const listedForB = await list.locator('.live-responses-table tbody .response-col_description pre').first().textContent()
    expect(listedForB).toContain('"email"')
    expect(listedForB).not.toContain('console.visitor@example.com')
    expect(await b.locator('#log').textContent()).not.toContain('POST')
    // Nor did the default world change.
    const fallback = await (await fetch(`${server.url}/__mockdesk/health`)).json()
    expect(fallback.apis.find((api: { id: string }) => api.id === 'toptickets').records.customers).toBe(30)
  }, 90_000)

  it('opens every API in the console with a working key for its scheme: its first GET answers 2xx', async () => {
    const [, b] = pages as [Page, Page]
    for (const [id, baseUrl] of Object.entries(server.baseUrls)) {
      await b.selectOption('#console-api', id)
      await b.click('#console-open')
      await expect.poll(() => b.locator('#console-note').textContent(), { timeout: 20_000 }).toContain(`Calls go to ${baseUrl} (your own world), authorized with`)
      const operation = b.locator('.opblock-get').first()
      await operation.locator('.opblock-summary').click()
      await operation.locator('button.execute').click()
      await expect.poll(() => operation.locator('.live-responses-table tbody .response-col_status').first().textContent(), { timeout: 10_000 }).toMatch(/^2\d\d/)
    }
  }, 120_000)

  it('breaks no CSP rule, fetches nothing from elsewhere, and fits 390 px (screenshots)', async () => {
    mkdirSync(artifacts, { recursive: true })
    const [a, b] = pages as [Page, Page]
    await a.fill('#data-q', '')
    await a.locator('#data-records li button').first().click()
    await expect.poll(() => a.locator('#data-record').isVisible()).toBe(true)
    for (const [name, page] of [['a', a], ['b', b]] as const) {
      const screenshot = await page.screenshot({ path: `${artifacts}/sandbox-tools-visitor-${name}.png`, fullPage: true })
      expect(screenshot.length).toBeGreaterThan(10_000)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    }
    expect(problems).toEqual([])
    expect(foreign).toEqual([])
  }, 60_000)
})
