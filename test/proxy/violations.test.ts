/**
 * Each kind of violation, provoked by a broken variant of the stand-in vendor (or a broken
 * request from the app), shows in the proxy's log and in the drift report; with `errors` it
 * becomes the kit error the app sees, never a vendor-shaped body.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { schemaErrors } from '../../src/contract/validator.ts'
import { driftReportSchema, type DriftReport } from '../../src/proxy/index.ts'
import type { Break } from './stand-in-vendor.ts'
import { auth, endToEnd, johnId, raw, startPair, type Pair } from './support.ts'

/** The report as its JSON file holds it, checked against the published schema. */
const asPublished = (report: DriftReport) => {
  const json = JSON.parse(JSON.stringify(report))
  expect(schemaErrors(driftReportSchema, json)).toEqual([])
  return json as DriftReport
}

let pair: Pair | undefined
afterEach(async () => {
  await pair?.close()
  pair = undefined
})

interface Case {
  name: string
  breaks: Break[]
  request: { path: string; method?: string; headers?: Record<string, string>; body?: string }
  /** What the log and the drift report must name. */
  kind: string
  side: 'request' | 'response'
  pointer: string
  /** The drift report's operation. */
  operationId: string
}

const json = { ...auth, 'content-type': 'application/json' }
const cases: Case[] = [
  { name: 'undocumented status', breaks: ['teapot'], request: { path: '/customers', method: 'POST', headers: json, body: '{"name":"Ada","email":"ada@example.com"}' }, kind: 'undocumented-status', side: 'response', pointer: '', operationId: 'createCustomer' },
  { name: 'missing required field', breaks: ['drop-email'], request: { path: `/customers/${johnId}` }, kind: 'missing-field', side: 'response', pointer: '/email', operationId: 'getCustomer' },
  { name: 'wrong type', breaks: ['vip-as-string'], request: { path: '/customers?limit=3' }, kind: 'type-mismatch', side: 'response', pointer: '/0/is_vip', operationId: 'listCustomers' },
  { name: 'wrong format', breaks: ['bad-created-at'], request: { path: `/customers/${johnId}` }, kind: 'format-mismatch', side: 'response', pointer: '/created_at', operationId: 'getCustomer' },
  { name: 'wrong content type', breaks: ['text-content-type'], request: { path: `/customers/${johnId}` }, kind: 'content-type', side: 'response', pointer: '', operationId: 'getCustomer' },
  { name: 'missing documented header', breaks: ['no-retry-after'], request: { path: '/customers', headers: { ...auth, 'x-stand-in-status': '429' } }, kind: 'missing-header', side: 'response', pointer: 'Retry-After', operationId: 'listCustomers' },
  { name: 'invalid request body from the app', breaks: [], request: { path: '/customers', method: 'POST', headers: json, body: '{"name":"Ada","email":"not an e-mail"}' }, kind: 'format-mismatch', side: 'request', pointer: '/email', operationId: 'createCustomer' },
  { name: 'value outside an enum from the app', breaks: [], request: { path: '/customers', method: 'POST', headers: json, body: '{"name":"Ada","email":"ada@example.com","customer_tier":"tier_9"}' }, kind: 'value-mismatch', side: 'request', pointer: '/customer_tier', operationId: 'createCustomer' },
  { name: 'invalid query parameter from the app', breaks: [], request: { path: '/customers?limit=500' }, kind: 'value-mismatch', side: 'request', pointer: 'limit', operationId: 'listCustomers' },
  { name: 'request without credentials', breaks: [], request: { path: '/customers', headers: {} }, kind: 'missing-credentials', side: 'request', pointer: 'authorization', operationId: 'listCustomers' },
]

describe.each(cases)('$name', (c) => {
  it('is logged with where it is and what was documented, and counted in the drift report', async () => {
    pair = await startPair(c.breaks)
    const response = await raw(`${pair.base}${c.request.path}`, { method: c.request.method, headers: c.request.headers ?? auth, body: c.request.body })
    // Without --errors the app gets whatever the vendor said.
    expect(endToEnd(response.rawHeaders).some((h) => h.startsWith('x-mockdesk-error'))).toBe(false)
    const violations = pair.entries[0]!.violations
    expect(violations).toContainEqual(expect.objectContaining({ kind: c.kind, side: c.side, pointer: c.pointer }))
    expect(violations.find((v) => v.kind === c.kind)!.documented).not.toBe('')

    const operation = asPublished(pair.proxy.report()).apis[0]!.operations.find((op) => op.operationId === c.operationId)!
    expect(operation.exchanges).toBe(1)
    const template = c.pointer.replace(/\/\d+(?=\/|$)/g, '/*')
    expect(operation.differences).toContainEqual(expect.objectContaining({ kind: c.kind, side: c.side, pointer: template, count: 1, example: expect.any(String) }))
  })

  it('becomes the kit error the app sees with --errors', async () => {
    pair = await startPair(c.breaks, { errors: true })
    const response = await raw(`${pair.base}${c.request.path}`, { method: c.request.method, headers: c.request.headers ?? auth, body: c.request.body })
    const code = c.side === 'request' ? 'MOCKDESK_PROXY_INVALID_REQUEST' : 'MOCKDESK_PROXY_INVALID_RESPONSE'
    expect(response.status).toBe(c.side === 'request' ? 422 : 502)
    expect(endToEnd(response.rawHeaders)).toContain(`x-mockdesk-error: ${code}`)
    expect(endToEnd(response.rawHeaders)).toContain('content-type: application/problem+json')
    const body = JSON.parse(response.body.toString())
    // Never the vendor's shape: no FastAPI-style `detail`.
    expect(body).not.toHaveProperty('detail')
    expect(body).toMatchObject({ code, fix: expect.any(String) })
    expect(body.violations).toContainEqual(expect.objectContaining({ kind: c.kind, pointer: c.pointer }))
    // An invalid request is not forwarded.
    expect(pair.standIn.requests).toHaveLength(c.side === 'request' ? 0 : 1)
  })
})

describe('with --errors, valid traffic', () => {
  it('still passes untouched', async () => {
    pair = await startPair([], { errors: true })
    const direct = await raw(`${pair.standIn.baseUrl}/customers/${johnId}`, { headers: auth })
    const proxied = await raw(`${pair.base}/customers/${johnId}`, { headers: auth })
    expect(proxied.status).toBe(200)
    expect(proxied.body.equals(direct.body)).toBe(true)
    expect(endToEnd(proxied.rawHeaders)).toEqual(endToEnd(direct.rawHeaders))
  })
})

describe('the drift report', () => {
  it('names exactly the two differences of a vendor that renames one field and adds one undocumented status', async () => {
    pair = await startPair(['rename-email', 'teapot'])
    for (let i = 0; i < 3; i++) await raw(`${pair.base}/customers?limit=2`, { headers: auth })
    await raw(`${pair.base}/customers/${johnId}`, { headers: auth })
    await raw(`${pair.base}/customers/b2c3d4e5-f6a7-8901-bcde-f12345678901`, { headers: auth })
    await raw(`${pair.base}/customers`, { method: 'POST', headers: json, body: '{"name":"Ada","email":"ada@example.com"}' })
    await raw(`${pair.base}/customers/${johnId}`, { method: 'DELETE', headers: auth })

    const report = asPublished(pair.proxy.report())
    const differences = report.apis[0]!.operations.flatMap((op) => op.differences.map((d) => ({ operationId: op.operationId, ...d })))
    differences.sort((a, b) => a.operationId.localeCompare(b.operationId))
    expect(differences).toEqual([
      expect.objectContaining({ operationId: 'createCustomer', kind: 'undocumented-status', status: 418, count: 1 }),
      expect.objectContaining({ operationId: 'getCustomer', kind: 'renamed-field', status: 200, pointer: '/email', renamedTo: '/email_address', count: 2 }),
    ])
    const operations = Object.fromEntries(report.apis[0]!.operations.map((op) => [op.operationId, op]))
    expect(operations.listCustomers).toMatchObject({ exchanges: 3, statuses: { 200: 3 } })
    expect(operations.deleteCustomer).toMatchObject({ exchanges: 1, statuses: { 204: 1 } })
    // The example is redacted: the vendor's e-mail is masked, not John Doe's.
    const renamed = differences.find((d) => d.kind === 'renamed-field')!
    expect(renamed.example).toMatch(/^"user-[0-9a-f]{8}@example\.com"$/)
    // Documented but not seen is coverage, kept apart from differences.
    expect(operations.getCustomer!.unseen.statuses).toContain('404')

    const summary = await (await fetch(`${pair.proxy.url}/__mockdesk/drift?format=text`)).text()
    expect(summary).toContain('field /email is sent as /email_address')
    expect(summary).toContain('undocumented status 418')
    expect(summary).toContain('2 differences from the spec.')
    expect(await (await fetch(`${pair.proxy.url}/__mockdesk/drift`)).json()).toMatchObject({ apis: [{ api: 'toptickets', exchanges: 7 }] })
  })

  it('lists undocumented response headers and undocumented operations', async () => {
    pair = await startPair(['extra-header'])
    await raw(`${pair.base}/customers?limit=1`, { headers: auth })
    await raw(`${pair.base}/tickets`, { headers: auth })
    const api = asPublished(pair.proxy.report()).apis[0]!
    expect(api.operations[0]!.differences).toEqual([expect.objectContaining({ kind: 'undocumented-header', pointer: 'x-ratelimit-remaining', example: '"x-ratelimit-remaining: 99"' })])
    expect(api.undocumentedOperations).toEqual([{ method: 'GET', path: '/tickets', count: 1, statuses: { 404: 1 } }])
  })
})

describe('the control endpoints', () => {
  it('follow the control-plane rules: loopback Host names only, no other sites, no CORS', async () => {
    pair = await startPair()
    expect((await raw(`${pair.proxy.url}/__mockdesk/health`)).status).toBe(200)
    const rebound = await raw(`${pair.proxy.url}/__mockdesk/drift`, { headers: { host: 'evil.example.com' } })
    expect(rebound.status).toBe(403)
    expect(endToEnd(rebound.rawHeaders)).toContain('x-mockdesk-error: MOCKDESK_FORBIDDEN')
    const foreign = await raw(`${pair.proxy.url}/__mockdesk/drift`, { headers: { origin: 'https://evil.example.com' } })
    expect(foreign.status).toBe(403)
    expect(endToEnd(foreign.rawHeaders).some((h) => h.startsWith('access-control-'))).toBe(false)
    const unknown = await raw(`${pair.proxy.url}/__mockdesk/reset`, { method: 'POST', headers: { 'x-mockdesk-control': '1' } })
    expect(unknown.status).toBe(404)
    // Never forwarded to the vendor.
    expect(pair.standIn.requests).toHaveLength(0)
  })

  it('need the admin token when one is set, and make one up when bound beyond loopback', async () => {
    pair = await startPair([], { adminToken: 'let-me-in-please' })
    const without = await raw(`${pair.proxy.url}/__mockdesk/drift`)
    expect(without.status).toBe(401)
    expect(endToEnd(without.rawHeaders)).toContain('x-mockdesk-error: MOCKDESK_ADMIN_TOKEN_REQUIRED')
    expect((await raw(`${pair.proxy.url}/__mockdesk/drift`, { headers: { 'x-mockdesk-admin-token': 'let-me-in-please' } })).status).toBe(200)
    // The API routes are the vendor's: no token there.
    expect((await raw(`${pair.base}/customers?limit=1`, { headers: auth })).status).toBe(200)
    await pair.close()

    pair = await startPair([], { host: '0.0.0.0' })
    expect(pair.proxy.adminToken).toMatch(/^[\w-]{24}$/)
    const url = pair.proxy.url.replace('0.0.0.0', '127.0.0.1')
    expect((await raw(`${url}/__mockdesk/drift`)).status).toBe(401)
    expect((await raw(`${url}/__mockdesk/drift`, { headers: { 'x-mockdesk-admin-token': pair.proxy.adminToken! } })).status).toBe(200)
  })
})
