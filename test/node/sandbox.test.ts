/** The HTTP server's sandbox page files and the control plane's request log (the page's data). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiIds, apis } from '../../src/apis/select-apis.ts'
import { startMockServer, type MockHttpServer } from '../../src/node/index.ts'

describe('sandbox page and request log', () => {
  let server: MockHttpServer
  beforeAll(async () => {
    server = await startMockServer({ port: 0, count: 10 })
  })
  afterAll(() => server.close())

  it('serves the page at / with its stylesheet and script', async () => {
    const page = await fetch(`${server.url}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await page.text()
    expect(html).toContain('<title>mockdesk sandbox</title>')
    for (const [file, type] of [['sandbox.css', /^text\/css/], ['sandbox.js', /^text\/javascript/]] as const) {
      expect(html).toContain(file)
      const asset = await fetch(`${server.url}/${file}`)
      expect(asset.status, file).toBe(200)
      expect(asset.headers.get('content-type')).toMatch(type)
      expect(asset.headers.get('x-content-type-options'), file).toBe('nosniff')
    }
  })

  it('sends nosniff, a CSP that allows only its own scripts, and refuses to be framed', async () => {
    const page = await fetch(`${server.url}/`)
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    const csp = page.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("default-src 'none'")
    expect(csp).not.toContain('unsafe-inline')
    expect(page.headers.get('x-frame-options')).toBe('DENY')
  })

  it('describes at /__mockdesk/apis what the page shows: health plus keys and a curl per API', async () => {
    const health = await (await fetch(`${server.url}/__mockdesk/health`)).json()
    const body = await (await fetch(`${server.url}/__mockdesk/apis`)).json()
    expect(body.seed).toBe(health.seed)
    const described = body.apis
    for (const id of apiIds) {
      const api = described.find((a: { id: string }) => a.id === id)
      expect(api).toMatchObject(health.apis.find((a: { id: string }) => a.id === id))
      expect(api.keys).toEqual(apis[id].keys)
      expect(api.curl).toContain(`'${server.baseUrls[id]}/`)
    }
  })

  it('logs API calls and misses, not control calls or pages, and pages with "after"', async () => {
    const { last } = await (await fetch(`${server.url}/__mockdesk/requests`)).json()
    await fetch(`${server.baseUrls[apiIds[0]!]}/`)
    await fetch(`${server.url}/nowhere?x=1`)
    await fetch(`${server.url}/__mockdesk/health`)
    await fetch(`${server.url}/`)
    const { requests } = await (await fetch(`${server.url}/__mockdesk/requests?after=${last}`)).json()
    expect(requests.map((r: { path: string }) => r.path)).toEqual([new URL(`${server.baseUrls[apiIds[0]!]}/`).pathname, '/nowhere?x=1'])
    expect(requests[0]).toMatchObject({ method: 'GET', api: apiIds[0], seq: last + 1 })
    expect(requests[1]).toMatchObject({ status: 404, seq: last + 2 })
    expect(requests[1].api).toBeUndefined()
    expect(typeof requests[0].ms).toBe('number')
    expect(new Date(requests[0].at).getTime()).toBeGreaterThan(Date.now() - 60_000)
  })

  it('refuses a bad "after" with a kit error that says how to fix it', async () => {
    const reply = await fetch(`${server.url}/__mockdesk/requests?after=latest`)
    expect(reply.status).toBe(400)
    expect(await reply.json()).toMatchObject({ code: 'MOCKDESK_BAD_CONTROL_REQUEST', fix: expect.stringContaining('?after=') })
  })
})
