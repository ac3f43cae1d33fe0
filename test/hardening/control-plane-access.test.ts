/**
 * The control plane belongs to the owner of the server (issue 13, finding 3): a web page the
 * owner visits, a DNS-rebinding host name, or anyone on the network when bound beyond loopback
 * cannot read, reset or replace the stores. The vendor APIs keep answering CORS for browser apps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import keys from '../../fixtures/toptickets/keys.json'
import { startMockServer, type MockHttpServer } from '../../src/node/index.ts'
import { send, serve, type Served } from './support.ts'

const page = 'http://evil.example'
const stateOf = (server: MockHttpServer) => JSON.stringify(server.mockdesk.snapshot())

describe('control plane on loopback', () => {
  let server: MockHttpServer
  beforeAll(async () => {
    server = await startMockServer({ port: 0, count: 5 })
  })
  afterAll(() => server.close())

  it('answers only loopback Host names (DNS rebinding cannot reach it)', async () => {
    for (const host of ['evil.example', `evil.example:${new URL(server.url).port}`, '10.0.0.7', '127.0.0.1.nip.io']) {
      const reply = await send(`${server.url}/__mockdesk/apis`, { headers: { host } })
      expect(reply.status, host).toBe(403)
      expect(reply.json().code).toBe('MOCKDESK_FORBIDDEN')
      expect(reply.text, 'no key leaks').not.toContain(keys[0]!.key)
    }
    for (const host of ['127.0.0.1', 'localhost', `localhost:${new URL(server.url).port}`, 'app.localhost', '[::1]']) {
      expect((await send(`${server.url}/__mockdesk/health`, { headers: { host } })).status, host).toBe(200)
    }
  })

  it('refuses calls from another origin, null included, and answers them no CORS', async () => {
    for (const origin of [page, 'null', 'http://localhost:5173']) {
      const read = await send(`${server.url}/__mockdesk/snapshot`, { headers: { origin } })
      expect(read.status, origin).toBe(403)
      expect(read.headers['access-control-allow-origin'], origin).toBeUndefined()
      const preflight = await send(`${server.url}/__mockdesk/reset`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      })
      expect(preflight.status).toBe(403)
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined()
    }
    const crossSite = await send(`${server.url}/__mockdesk/apis`, { headers: { 'sec-fetch-site': 'cross-site' } })
    expect(crossSite.status).toBe(403)
  })

  it('refuses simple cross-site writes: a form or text/plain POST changes nothing', async () => {
    const before = stateOf(server)
    const snapshot = JSON.stringify(server.mockdesk.snapshot())
    const simple: Array<{ path: string; headers: Record<string, string>; body?: string }> = [
      { path: 'reset?seed=9', headers: { 'content-type': 'text/plain' }, body: '' },
      { path: 'reset', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' },
      { path: 'reset', headers: {}, body: undefined },
      { path: 'snapshot', headers: { 'content-type': 'text/plain' }, body: snapshot },
      { path: 'snapshot', headers: { 'content-type': 'text/plain', origin: page }, body: snapshot },
      { path: 'reset', headers: { 'content-type': 'application/json', origin: page }, body: '{}' },
    ]
    for (const { path, headers, body } of simple) {
      const reply = await send(`${server.url}/__mockdesk/${path}`, { method: 'POST', headers, body })
      expect(reply.status, `${path} ${JSON.stringify(headers)}`).toBe(403)
      expect(reply.json()).toMatchObject({ code: 'MOCKDESK_FORBIDDEN', fix: expect.any(String) })
    }
    expect(stateOf(server)).toBe(before)
    expect(server.mockdesk.seed).toBe(42)
    // The owner's own calls: a JSON content type or the control header.
    expect((await send(`${server.url}/__mockdesk/reset`, { method: 'POST', headers: { 'x-mockdesk-control': '1' } })).status).toBe(200)
    expect((await send(`${server.url}/__mockdesk/snapshot`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: snapshot })).status).toBe(200)
  })

  it('keeps answering CORS on the vendor APIs for a browser app on another port', async () => {
    const preflight = await send(`${server.baseUrls.toptickets}/customers`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:5173')
    const reply = await send(`${server.baseUrls.toptickets}/customers?limit=1`, { headers: { origin: 'http://localhost:5173', authorization: `Bearer ${keys[0]!.key}` } })
    expect(reply.status).toBe(200)
    expect(reply.headers['access-control-allow-origin']).toBe('http://localhost:5173')
  })
})

describe('control plane bound beyond loopback (mockdesk serve --host 0.0.0.0)', () => {
  let served: Served
  let token: string
  beforeAll(async () => {
    served = await serve('--host', '0.0.0.0', '--count', '5')
    token = /admin token[^\n]*\n\s+(\S+)/.exec(served.output())![1]!
  }, 30_000)
  afterAll(() => served.stop())

  it('prints a generated admin token once', () => {
    expect(token).toMatch(/^[\w-]{20,}$/)
    expect(served.output().split(token).length - 1).toBe(1)
  })

  it('cannot be read, reset or replaced without the token', async () => {
    const snapshot = await send(`${served.url}/__mockdesk/snapshot`, { headers: { 'x-mockdesk-admin-token': token } })
    expect(snapshot.status).toBe(200)
    const calls = [
      { method: 'GET', path: 'health' },
      { method: 'GET', path: 'apis' },
      { method: 'GET', path: 'requests' },
      { method: 'GET', path: 'snapshot' },
      { method: 'POST', path: 'reset?seed=9' },
      { method: 'POST', path: 'snapshot', body: snapshot.text },
    ]
    for (const wrong of [undefined, 'not-the-token', `${token}x`, token.slice(0, -1)]) {
      for (const { method, path, body } of calls) {
        const headers: Record<string, string> = { 'content-type': 'application/json', host: 'mockdesk.lan' }
        if (wrong !== undefined) headers['x-mockdesk-admin-token'] = wrong
        const reply = await send(`${served.url}/__mockdesk/${path}`, { method, headers, body })
        expect(reply.status, `${method} ${path} with ${wrong}`).toBe(401)
        expect(reply.json().code).toBe('MOCKDESK_ADMIN_TOKEN_REQUIRED')
        expect(reply.text).not.toContain('"stores"')
      }
    }
    const health = await send(`${served.url}/__mockdesk/health`, { headers: { 'x-mockdesk-admin-token': token, host: 'mockdesk.lan' } })
    expect(health.json().seed).toBe(42)
    const reset = await send(`${served.url}/__mockdesk/reset?seed=9`, { method: 'POST', headers: { 'x-mockdesk-admin-token': token } })
    expect(reset.json().seed).toBe(9)
  })

  it('keeps the vendor APIs open to their own keys', async () => {
    const reply = await send(`${served.url}/toptickets/v1/customers?limit=1`, { headers: { authorization: `Bearer ${keys[0]!.key}` } })
    expect(reply.status).toBe(200)
  })
})

describe('--admin-token', () => {
  it('is required on loopback too when given, and refused when too short', async () => {
    const served = await serve('--admin-token', 'correct-horse-battery', '--count', '3')
    try {
      expect(served.output()).toContain('correct-horse-battery')
      expect((await send(`${served.url}/__mockdesk/health`)).status).toBe(401)
      expect((await send(`${served.url}/__mockdesk/health`, { headers: { 'x-mockdesk-admin-token': 'correct-horse-battery' } })).status).toBe(200)
    } finally {
      await served.stop()
    }
    await expect(serve('--admin-token', 'short')).rejects.toThrow(/at least 12/)
  }, 30_000)
})
