/**
 * The proxy between an app and the stand-in vendor, over real sockets: valid traffic passes
 * byte for byte both ways, credentials reach the vendor and nowhere else, and the proxy's own
 * failures (vendor down, vendor silent, oversized body) are kit errors, never vendor-shaped.
 */
import { createServer, type Socket } from 'node:net'
import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { startProxy } from '../../src/proxy/index.ts'
import { auth, endToEnd, johnId, raw, startPair, token, type Pair } from './support.ts'

let pair: Pair | undefined
afterEach(async () => {
  await pair?.close()
  pair = undefined
})

describe('forwarding valid traffic', () => {
  it('answers with the vendor response byte for byte, compressed bodies included', async () => {
    pair = await startPair()
    const headers = { ...auth, 'accept-encoding': 'gzip' }
    for (const path of ['/customers?limit=2', `/customers/${johnId}`, '/customers/00000000-0000-4000-8000-000000000000']) {
      const direct = await raw(`${pair.standIn.baseUrl}${path}`, { headers })
      const proxied = await raw(`${pair.base}${path}`, { headers })
      expect(proxied.status, path).toBe(direct.status)
      expect(proxied.statusMessage).toBe(direct.statusMessage)
      expect(endToEnd(proxied.rawHeaders)).toEqual(endToEnd(direct.rawHeaders))
      expect(proxied.body.equals(direct.body), path).toBe(true)
    }
    // The get of John Doe came gzipped: the proxy checked the decoded body and passed the bytes on.
    expect(endToEnd((await raw(`${pair.base}/customers/${johnId}`, { headers })).rawHeaders)).toContain('content-encoding: gzip')
    expect(pair.entries.map((e) => e.violations)).toEqual(pair.entries.map(() => []))
    expect(pair.proxy.report().apis[0]!.operations.flatMap((op) => op.differences)).toEqual([])
  })

  it('forwards the request unchanged: method, path, query, headers (credentials included) and body bytes', async () => {
    pair = await startPair()
    const body = Buffer.from('{"name":"Ada Lovelace","email":"ada@example.com","is_vip":true}')
    const headers = { ...auth, 'content-type': 'application/json', 'x-request-id': 'abc-123', 'X-Mixed-Case': 'kept' }
    await raw(`${pair.standIn.baseUrl}/customers?x=1&x=2`, { method: 'POST', headers, body })
    await raw(`${pair.base}/customers?x=1&x=2`, { method: 'POST', headers, body })
    const [direct, proxied] = pair.standIn.requests
    expect(proxied!.method).toBe('POST')
    expect(proxied!.url).toBe(direct!.url)
    expect(endToEnd(proxied!.rawHeaders)).toEqual(endToEnd(direct!.rawHeaders))
    expect(endToEnd(proxied!.rawHeaders)).toContain(`authorization: Bearer ${token}`)
    expect(proxied!.body.equals(body)).toBe(true)
  })

  it('checks a compressed request body decoded, and forwards its bytes as sent', async () => {
    pair = await startPair()
    const body = gzipSync('{"name":"Ada Lovelace","email":"not an e-mail"}')
    await raw(`${pair.base}/customers`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', 'content-encoding': 'gzip' }, body })
    expect(pair.standIn.requests[0]!.body.equals(body)).toBe(true)
    expect(pair.entries[0]!.violations).toEqual([expect.objectContaining({ side: 'request', kind: 'format-mismatch', pointer: '/email' })])
  })

  it('drops hop-by-hop headers, including those the Connection header names, and sets the vendor Host', async () => {
    pair = await startPair()
    await raw(`${pair.base}/customers`, { headers: { ...auth, connection: 'keep-alive, x-hop', 'x-hop': 'one hop only', 'proxy-authorization': 'Basic c2VjcmV0', te: 'trailers', 'x-end': 'kept' } })
    const received = pair.standIn.requests[0]!.rawHeaders.map((h, i) => (i % 2 === 0 ? h.toLowerCase() : h))
    expect(received).not.toContain('x-hop')
    expect(received).not.toContain('proxy-authorization')
    expect(received).not.toContain('te')
    expect(received).toContain('x-end')
    expect(received[received.indexOf('host') + 1]).toBe(new URL(pair.standIn.url).host)
  })

  it('passes the vendor own error answers back as they are, and logs the request violation', async () => {
    pair = await startPair()
    const response = await raw(`${pair.base}/customers`, { method: 'GET' })
    expect(response.status).toBe(401)
    expect(response.body.toString()).toBe('{"detail":"Invalid API key"}')
    expect(pair.entries[0]!.violations.map((v) => v.kind)).toEqual(['missing-credentials'])
  })
})

describe('what the proxy passes unchecked', () => {
  it('passes a body too large to hold for checking, even with --errors, and says so in the log', async () => {
    pair = await startPair(['vip-as-string'], { errors: true, maxBodyBytes: 100 })
    const direct = await raw(`${pair.standIn.baseUrl}/customers`, { headers: auth })
    const proxied = await raw(`${pair.base}/customers`, { headers: auth })
    expect(direct.body.byteLength).toBeGreaterThan(100)
    expect(proxied.status).toBe(200)
    expect(proxied.body.equals(direct.body)).toBe(true)
    expect(pair.entries[0]!.note).toBe('body over 100 bytes: not checked')
  })

  it('forwards a CORS preflight as it is, even with --errors, and keeps it out of the drift report', async () => {
    pair = await startPair([], { errors: true })
    const response = await raw(`${pair.base}/customers`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' } })
    // The stand-in answers it (with its 401: it knows no CORS), not the proxy.
    expect(response.status).toBe(401)
    expect(pair.standIn.requests).toHaveLength(1)
    expect(pair.proxy.report().apis[0]!.undocumentedOperations).toEqual([])
  })

  it('checks a HEAD as its GET, status and headers, without the body it cannot have', async () => {
    pair = await startPair()
    const response = await raw(`${pair.base}/customers/${johnId}`, { method: 'HEAD', headers: auth })
    expect(response.status).toBe(200)
    expect(response.body.byteLength).toBe(0)
    expect(pair.entries[0]).toMatchObject({ operationId: 'getCustomer', violations: [] })
  })

  it('gives the app a kit error it can read cross-origin', async () => {
    pair = await startPair([], { errors: true })
    const response = await raw(`${pair.base}/customers?limit=500`, { headers: { ...auth, origin: 'http://localhost:5173' } })
    expect(response.status).toBe(422)
    expect(endToEnd(response.rawHeaders)).toContain('access-control-allow-origin: http://localhost:5173')
  })
})

describe('the proxy failing on its own', () => {
  it('breaks the answer off too when the vendor breaks off mid-body, or answers a kit error with --errors', async () => {
    pair = await startPair(['cut-off'])
    await expect(raw(`${pair.base}/customers`, { headers: auth })).rejects.toThrow()
    await pair.close()
    pair = await startPair(['cut-off'], { errors: true })
    const response = await raw(`${pair.base}/customers`, { headers: auth })
    expect(response.status).toBe(502)
    expect(endToEnd(response.rawHeaders)).toContain('x-mockdesk-error: MOCKDESK_PROXY_UPSTREAM_FAILED')
    expect(pair.entries).toHaveLength(1)
    expect(pair.entries[0]!.note).toMatch(/broke off mid-body/)
  })

  const isKitError = (response: { rawHeaders: string[]; body: Buffer }, code: string) => {
    const headers = endToEnd(response.rawHeaders)
    expect(headers).toContain(`x-mockdesk-error: ${code}`)
    expect(headers).toContain('content-type: application/problem+json')
    expect(JSON.parse(response.body.toString())).toMatchObject({ code, fix: expect.any(String) })
  }

  it('answers a kit error when the vendor is down, and logs it', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as { port: number }).port
    await new Promise((resolve) => closed.close(resolve))
    const lines: string[] = []
    const proxy = await startProxy({ targets: [{ api: 'toptickets', target: `http://127.0.0.1:${port}/v1` }], allowHttp: true, port: 0, logger: { exchange: (e) => lines.push(JSON.stringify(e)), info: () => {} } })
    try {
      const response = await raw(`${proxy.url}/customers`, { headers: auth })
      expect(response.status).toBe(502)
      isKitError(response, 'MOCKDESK_PROXY_UPSTREAM_FAILED')
      expect(lines.join('\n')).toContain('ECONNREFUSED')
    } finally {
      await proxy.close()
    }
  })

  it('answers a kit error when the vendor stays silent past the timeout', async () => {
    const sockets: Socket[] = []
    const silent = createServer((socket) => void sockets.push(socket)) // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const port = (silent.address() as { port: number }).port
    const proxy = await startProxy({ targets: [{ api: 'toptickets', target: `http://127.0.0.1:${port}/v1` }], allowHttp: true, port: 0, timeoutMs: 200, logger: { exchange() {}, info() {} } })
    try {
      const response = await raw(`${proxy.url}/customers`, { headers: auth })
      expect(response.status).toBe(504)
      isKitError(response, 'MOCKDESK_PROXY_UPSTREAM_TIMEOUT')
    } finally {
      await proxy.close()
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
  })

  it('refuses a body over the limit with 413 before anything reaches the vendor', async () => {
    pair = await startPair([], { maxBodyBytes: 100 })
    const response = await raw(`${pair.base}/customers`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x'.repeat(200), email: 'a@b.co' }) })
    expect(response.status).toBe(413)
    isKitError(response, 'MOCKDESK_BODY_TOO_LARGE')
    expect(pair.standIn.requests).toHaveLength(0)
  })

  it('answers a path outside every mount with a kit error (several APIs under /<id>)', async () => {
    pair = await startPair()
    const proxy = await startProxy({ targets: [{ api: 'toptickets', target: pair.standIn.baseUrl }], prefixed: true, allowHttp: true, port: 0, logger: { exchange() {}, info() {} } })
    try {
      expect((await raw(`${proxy.baseUrls.toptickets}/customers?limit=1`, { headers: auth })).status).toBe(200)
      expect(proxy.baseUrls.toptickets).toBe(`${proxy.url}/toptickets`)
      const response = await raw(`${proxy.url}/zendesk/tickets`, { headers: auth })
      expect(response.status).toBe(404)
      isKitError(response, 'MOCKDESK_NO_ROUTE')
    } finally {
      await proxy.close()
    }
  })

  it('refuses http targets unless allowed, and targets with credentials in them', async () => {
    await expect(startProxy({ targets: [{ api: 'toptickets', target: 'http://api.example.com/v1' }], port: 0 })).rejects.toThrow(/not https.*--allow-http/)
    await expect(startProxy({ targets: [{ api: 'toptickets', target: 'https://user:pw@api.example.com/v1' }], port: 0 })).rejects.toThrow(/credentials in its URL/)
    await expect(startProxy({ targets: [{ api: 'zendesk', target: 'https://api.example.com' }], port: 0 })).rejects.toThrow(/no spec for "zendesk"/)
  })
})
