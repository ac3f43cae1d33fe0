/**
 * The sandbox page `mockdesk serve` shows at `/`, in Chromium: every mounted API with its local
 * base URL, keys and curl; record counts; requests appearing in the live log; reset and reseed.
 * A screenshot goes to test/browser/__artifacts__/sandbox.png for people to look at.
 */
import { mkdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { apiIds } from '../../src/apis/select-apis.ts'
import { IndexedCollection } from '../../src/core/indexed-collection.ts'
import { startMockServer, type MockHttpServer } from '../../src/node/index.ts'
import { describeInChromium, launchChromium, type Chromium } from './support/chromium.ts'

const artifacts = 'test/browser/__artifacts__'

describeInChromium('the sandbox page in Chromium', () => {
  let server: MockHttpServer
  let chromium: Chromium
  let page: Page
  const errors: string[] = []

  const described = async () => (await fetch(`${server.url}/__mockdesk/apis`)).json()
  const countsOnPage = (id: string) =>
    page.locator(`#api-${id} .counts li`).evaluateAll((items) => Object.fromEntries(items.map((li) => [(li as HTMLElement).dataset.collection, Number(li.querySelector('strong')!.textContent)])))

  beforeAll(async () => {
    ;[server, chromium] = await Promise.all([startMockServer({ port: 0, count: 30 }), launchChromium()])
    page = await chromium.context.newPage()
    page.on('pageerror', (error) => errors.push(error.message))
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.goto(`${server.url}/`)
  }, 60_000)

  afterAll(async () => {
    await chromium?.close()
    await server?.close()
  })

  it('shows every mounted API with its local base URL, keys, curl and record counts', async () => {
    const { apis } = await described()
    expect(apis.map((api: { id: string }) => api.id)).toEqual(apiIds)
    for (const api of apis) {
      const card = page.locator(`#api-${api.id}`)
      await expect.poll(() => card.locator('.base-url').textContent()).toBe(server.baseUrls[api.id])
      expect(await card.locator('h3').textContent()).toBe(api.title)
      for (const key of api.keys) expect(await card.textContent()).toContain(key.key)
      expect(await card.locator('.curl pre').textContent()).toBe(api.curl)
      expect(await countsOnPage(api.id)).toEqual(api.records)
    }
    expect(await page.locator('#seed').textContent()).toBe('42')
  })

  it('runs each curl shown as written: the request answers 2xx and appears in the live log', async () => {
    const { apis } = await described()
    for (const api of apis) {
      // The page's curl, run through fetch: same URL, same headers, same credentials.
      const words = (api.curl as string).match(/'[^']*'|\S+/g)!.map((word) => word.replace(/^'(.*)'$/, '$1'))
      const headers = new Headers()
      let url = ''
      for (let i = 1; i < words.length; i++) {
        if (words[i] === '-H') {
          const [name, ...value] = words[++i]!.split(': ')
          headers.set(name!, value.join(': '))
        } else if (words[i] === '-u') headers.set('authorization', `Basic ${btoa(words[++i]!)}`)
        else url = words[i]!
      }
      const response = await fetch(url, { headers })
      expect(response.status, `${api.curl} → ${response.status} ${await response.clone().text()}`).toBeLessThan(300)
      const path = new URL(url).pathname
      await expect.poll(() => page.locator('#log tr').filter({ hasText: path }).count(), { timeout: 5_000 }).toBeGreaterThan(0)
    }
    const row = page.locator('#log tr').first()
    expect(await row.locator('td').nth(3).textContent()).toMatch(/^2\d\d$/)
  })

  it('reset puts the data back; reseed rebuilds it from another seed', async () => {
    // Take a record away behind the page's back, as an API call would.
    const [mounted] = server.mockdesk.apis
    const [name, collection] = Object.entries(mounted!.store as object).find(([, value]) => value instanceof IndexedCollection) as [string, IndexedCollection<object>]
    const before = collection.count()
    collection.delete(collection.options.key(collection.all()[0]!))
    await page.reload()
    await expect.poll(async () => (await countsOnPage(mounted!.definition.id))[name]).toBe(before - 1)

    await page.click('#reset')
    await expect.poll(() => page.locator('#status').textContent()).toBe('Data rebuilt from seed 42.')
    expect((await countsOnPage(mounted!.definition.id))[name]).toBe(before)

    await page.fill('#new-seed', '7')
    await page.click('#reseed')
    await expect.poll(() => page.locator('#seed').textContent()).toBe('7')
    expect((await described()).seed).toBe(7)
    expect(errors).toEqual([])
  })

  it('saves a screenshot', async () => {
    mkdirSync(artifacts, { recursive: true })
    const screenshot = await page.screenshot({ path: `${artifacts}/sandbox.png`, fullPage: true })
    expect(screenshot.length).toBeGreaterThan(10_000)
  })
})
