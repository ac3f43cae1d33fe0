/**
 * The sandbox page and the control plane against a real browser (issue 13, findings 3 and 6):
 * a page on another origin can neither change nor read the stores (form POST, no-cors fetch,
 * text/plain fetch) nor frame the sandbox page; the page itself runs under its CSP without a
 * violation, and on a server bound beyond loopback it asks for the admin token and then works.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startMockServer, type MockHttpServer } from '../../src/node/index.ts'
import { describeInChromium, launchChromium, type Chromium } from './support/chromium.ts'

describeInChromium('the control plane and sandbox page against hostile pages', () => {
  let server: MockHttpServer
  let exposed: MockHttpServer
  let chromium: Chromium
  let hostile: Server
  let hostileUrl = ''

  beforeAll(async () => {
    ;[server, exposed, chromium] = await Promise.all([
      startMockServer({ port: 0, count: 5 }),
      startMockServer({ port: 0, count: 5, host: '0.0.0.0' }),
      launchChromium(),
    ])
    // Another origin (another port), serving a page that tries everything a page can.
    hostile = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html')
      response.end(`<!doctype html><body>
        <form id="f" method="POST" action="${server.url}/__mockdesk/reset?seed=666" target="sink"><input name="a" value="1"></form>
        <iframe name="sink"></iframe>
        <iframe id="framed" src="${server.url}/"></iframe>
        <script>
          window.results = {}
          const control = '${server.url}/__mockdesk/'
          async function attempt(name, run) {
            try { const r = await run(); window.results[name] = r.type === 'opaque' ? 'opaque' : r.status + ' ' + (await r.text()).slice(0, 60) }
            catch (e) { window.results[name] = 'blocked' }
          }
          Promise.all([
            attempt('no-cors reset', () => fetch(control + 'reset?seed=667', { method: 'POST', mode: 'no-cors' })),
            attempt('text/plain snapshot', () => fetch(control + 'snapshot', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{}' })),
            attempt('json reset', () => fetch(control + 'reset?seed=668', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })),
            attempt('read apis', () => fetch(control + 'apis')),
            attempt('read snapshot', () => fetch(control + 'snapshot')),
          ]).then(() => { document.getElementById('f').submit(); window.done = true })
        </script></body>`)
    })
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve))
    hostileUrl = `http://localhost:${(hostile.address() as AddressInfo).port}/`
  }, 60_000)

  afterAll(async () => {
    await chromium?.close()
    await Promise.all([server?.close(), exposed?.close(), new Promise((resolve) => hostile?.close(resolve))])
  })

  it('a page on another origin cannot reset, replace, read or frame the control plane', async () => {
    const before = JSON.stringify(server.mockdesk.snapshot())
    const page = await chromium.context.newPage()
    await page.goto(hostileUrl)
    await page.waitForFunction(() => (window as unknown as { done?: boolean }).done === true, undefined, { timeout: 20_000 })
    await page.waitForTimeout(500) // the form's POST
    const results = await page.evaluate(() => (window as unknown as { results: Record<string, string> }).results)
    expect(results['json reset']).toBe('blocked') // preflight refused
    expect(results['read apis']).toBe('blocked') // no CORS for a foreign origin
    expect(results['read snapshot']).toBe('blocked')
    expect(server.mockdesk.seed).toBe(42)
    expect(JSON.stringify(server.mockdesk.snapshot())).toBe(before)
    // frame-ancestors 'none': the sandbox page never renders inside another site.
    const framed = page.frames().find((frame) => frame.url().startsWith(server.url))
    expect(await framed?.evaluate(() => document.querySelector('h1')?.textContent).catch(() => undefined)).toBeUndefined()
    await page.close()
  })

  it('the sandbox page runs under its own CSP without a violation', async () => {
    const page = await chromium.context.newPage()
    const violations: string[] = []
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text())
    })
    const response = await page.goto(`${server.url}/`)
    expect(response!.headers()['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(response!.headers()['x-content-type-options']).toBe('nosniff')
    await expect.poll(() => page.locator('#seed').textContent()).toBe('42')
    await page.click('#reset')
    await expect.poll(() => page.locator('#status').textContent()).toBe('Data rebuilt from seed 42.')
    expect(violations).toEqual([])
    await page.close()
  })

  it('on a server bound beyond loopback, the page asks for the admin token, then works', async () => {
    const page = await chromium.context.newPage()
    const url = exposed.url.replace('0.0.0.0', '127.0.0.1')
    await page.goto(`${url}/`)
    await expect.poll(() => page.locator('#token-form').isVisible()).toBe(true)
    await page.fill('#token', 'not-the-token')
    await page.click('#token-form button')
    await expect.poll(() => page.locator('#token-note').textContent()).toBe('The admin token is wrong.')
    await page.fill('#token', exposed.adminToken!)
    await page.click('#token-form button')
    await expect.poll(() => page.locator('#seed').textContent()).toBe('42')
    expect(await page.locator('#token-form').isVisible()).toBe(false)
    await page.fill('#new-seed', '7')
    await page.click('#reseed')
    await expect.poll(() => page.locator('#seed').textContent()).toBe('7')
    expect(exposed.mockdesk.seed).toBe(7)
    await page.close()
  })
})
