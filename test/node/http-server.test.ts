import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import keys from '../../fixtures/toptickets/keys.json'
import { apiIds } from '../../src/apis/select-apis.ts'
import { startMockServer, type MockHttpServer } from '../../src/node/index.ts'

const auth = { authorization: `Bearer ${keys[0]!.key}` }
/** State-changing control calls say they are deliberate (no web page can send this header unasked). */
const control = { method: 'POST', headers: { 'x-mockdesk-control': '1' } }

describe('HTTP server', () => {
  let server: MockHttpServer
  beforeAll(async () => {
    server = await startMockServer({ port: 0, seed: 5 })
  })
  afterAll(() => server.close())

  it('mounts every API under /<id> plus its documented base path', async () => {
    expect(server.baseUrls.toptickets).toBe(`${server.url}/toptickets/v1`)
    const reply = await fetch(`${server.baseUrls.toptickets}/customers?limit=2`, { headers: auth })
    expect(reply.status).toBe(200)
    expect(await reply.json()).toHaveLength(2)
  })

  it('answers a path outside every API with a kit 404 that lists the mounted APIs', async () => {
    const reply = await fetch(`${server.url}/nowhere`)
    expect(reply.status).toBe(404)
    expect(reply.headers.get('content-type')).toBe('application/problem+json')
    const body = await reply.json()
    expect(body.code).toBe('MOCKDESK_NO_ROUTE')
    expect(body.mounted.map((api: { id: string }) => api.id)).toEqual(apiIds)
    expect(body.mounted).toContainEqual({ id: 'toptickets', baseUrl: server.baseUrls.toptickets })
  })

  it('hints at the base path when the API id is right but the vendor path is missing', async () => {
    const body = await (await fetch(`${server.url}/toptickets/customers`)).json()
    expect(body.fix).toContain(`${server.url}/toptickets/v1`)
  })

  it('reports health: seed, mounted APIs and record counts', async () => {
    const body = await (await fetch(`${server.url}/__mockdesk/health`)).json()
    expect(body).toMatchObject({ status: 'ok', seed: 5 })
    expect(body.apis.map((api: { id: string }) => api.id)).toEqual(apiIds)
    expect(body.apis).toContainEqual({ id: 'toptickets', title: 'TopTickets API (customers)', baseUrl: server.baseUrls.toptickets, records: { customers: 150 } })
  })

  it('resets the stores to the seed, or to a new seed', async () => {
    const first = async () => (await (await fetch(`${server.baseUrls.toptickets}/customers?skip=2&limit=1`, { headers: auth })).json())[0].id
    const before = await first()
    await fetch(`${server.baseUrls.toptickets}/customers/${before}`, { method: 'DELETE', headers: auth })
    expect(await first()).not.toBe(before)
    expect((await fetch(`${server.url}/__mockdesk/reset`, control)).status).toBe(200)
    expect(await first()).toBe(before)
    const reseeded = await (await fetch(`${server.url}/__mockdesk/reset?seed=9`, control)).json()
    expect(reseeded.seed).toBe(9)
    expect(await first()).not.toBe(before)
    await fetch(`${server.url}/__mockdesk/reset?seed=5`, control)
  })

  it('exports every store as a snapshot and loads it back', async () => {
    const customers = `${server.baseUrls.toptickets}/customers`
    const created = await (
      await fetch(customers, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Snap Shot', email: 'snap@example.com' }) })
    ).json()
    const snapshot = await (await fetch(`${server.url}/__mockdesk/snapshot`)).text()
    await fetch(`${server.url}/__mockdesk/reset`, control)
    expect((await fetch(`${customers}/${created.id}`, { headers: auth })).status).toBe(404)
    const restored = await fetch(`${server.url}/__mockdesk/snapshot`, { ...control, body: snapshot })
    expect(restored.status).toBe(200)
    expect(await (await fetch(`${customers}/${created.id}`, { headers: auth })).json()).toEqual(created)
    for (const body of ['{not json', '{"seed": 1}', JSON.stringify({ seed: 1, stores: {} })]) {
      const bad = await fetch(`${server.url}/__mockdesk/snapshot`, { ...control, body })
      expect(bad.status, body).toBe(400)
      expect((await bad.json()).code).toBe('MOCKDESK_BAD_CONTROL_REQUEST')
    }
    expect((await fetch(`${customers}/${created.id}`, { headers: auth })).status).toBe(200)
    await fetch(`${server.url}/__mockdesk/reset?seed=5`, control)
  })

  it('rejects a broken control call with a kit error that says how to fix it', async () => {
    const bad = await fetch(`${server.url}/__mockdesk/reset?seed=abc`, control)
    expect(bad.status).toBe(400)
    expect((await bad.json()).code).toBe('MOCKDESK_BAD_CONTROL_REQUEST')
    const unknown = await fetch(`${server.url}/__mockdesk/nothing`)
    expect(unknown.status).toBe(404)
  })

  it('answers CORS preflights and lets a browser read responses and Retry-After', async () => {
    const preflight = await fetch(`${server.baseUrls.toptickets}/customers`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, prefer' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization, content-type, prefer')
    const reply = await fetch(`${server.baseUrls.toptickets}/customers`, { headers: { ...auth, origin: 'http://localhost:5173', prefer: 'code=429' } })
    expect(reply.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(reply.headers.get('access-control-expose-headers')).toBe('*')
  })
})

describe('HTTP server with one API at the root', () => {
  it('serves the vendor paths unprefixed', async () => {
    const server = await startMockServer({ port: 0, root: 'toptickets' })
    try {
      expect(server.baseUrls.toptickets).toBe(`${server.url}/v1`)
      const reply = await fetch(`${server.url}/v1/customers/a1b2c3d4-e5f6-7890-abcd-ef1234567890`, { headers: auth })
      expect((await reply.json()).name).toBe('John Doe')
    } finally {
      await server.close()
    }
  })

  it('fails to start on a port in use, with the address in the error', async () => {
    const first = await startMockServer({ port: 0 })
    try {
      const port = Number(new URL(first.url).port)
      await expect(startMockServer({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' })
    } finally {
      await first.close()
    }
  })
})

describe('HTTP server on demand (what mockdesk serve runs)', () => {
  it('loads only the API a request calls; sessions, health and behaviour load the rest first', async () => {
    const server = await startMockServer({ port: 0, onDemand: true })
    try {
      const loaded = () => apiIds.filter((_, index) => server.mockdesk.world.hasStore(index))
      expect(loaded()).toEqual([])
      const reply = await fetch(`${server.baseUrls.toptickets}/customers?limit=2`, { headers: auth })
      expect(reply.status).toBe(200)
      expect(await reply.json()).toHaveLength(2)
      expect(loaded()).toEqual(['toptickets'])

      // A session's world is a fork of every API's image: the rest is loaded for it.
      const session = await fetch(`${server.baseUrls.toptickets}/customers?limit=1`, { headers: { ...auth, 'x-mockdesk-session': 'on-demand' } })
      expect(session.status).toBe(200)
      const health = await (await fetch(`${server.url}/__mockdesk/health`)).json()
      expect(health.apis.map((api: { id: string }) => api.id)).toEqual(apiIds)
      expect(loaded()).toEqual(apiIds)
      server.mockdesk.behave({ apis: { toptickets: { latency: 1 } } })
      expect(server.mockdesk.behaviour.active).toBe(true)
    } finally {
      await server.close()
    }
  })
})
