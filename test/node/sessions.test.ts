/**
 * Sessions over real HTTP: each X-Mockdesk-Session (or visitor cookie, or API key when asked)
 * names a world of its own; no session is the default world, unchanged; the control plane acts on
 * the session a call names; worlds are bounded (LRU, idle TTL) and a record quota is a kit error.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startMockServer, type MockHttpServer } from '../../src/node/index.ts'
import type { SessionOptions } from '../../src/node/sessions/sessions.ts'

const key = 'tt_admin_9f3k2m7x4q8w1e6r5t0y3u2i9o8p7a6s'
const otherKey = 'tt_agent_2p5o8i1u4y7t0r3e6w9q2a5s8d1f4g7h'
let server: MockHttpServer | undefined
afterEach(() => server?.close())

async function start(sessions: SessionOptions = {}) {
  server = await startMockServer({ port: 0, apis: ['toptickets'], count: 10, sessions })
  return server
}

const call = (path: string, init: RequestInit & { session?: string; token?: string } = {}) => {
  const headers = new Headers(init.headers)
  headers.set('authorization', `Bearer ${init.token ?? key}`)
  if (init.session) headers.set('x-mockdesk-session', init.session)
  if (init.body) headers.set('content-type', 'application/json')
  return fetch(`${server!.baseUrls.toptickets}${path}`, { ...init, headers })
}
const control = (path: string, init: RequestInit & { session?: string } = {}) => {
  const headers = new Headers(init.headers)
  if (init.session) headers.set('x-mockdesk-session', init.session)
  headers.set('x-mockdesk-control', '1')
  return fetch(`${server!.url}/__mockdesk${path}`, { ...init, headers })
}
const create = (session: string | undefined, n: number, token?: string) =>
  call('/customers', { method: 'POST', session, token, body: JSON.stringify({ name: `Person ${n}`, email: `person${n}@example.com` }) })
const count = async (session?: string) => ((await (await call('/customers?limit=100', { session })).json()) as unknown[]).length

describe('sessions', () => {
  it('give each session its own world, created on first use, and leave the default world alone', async () => {
    await start()
    expect((await create('alice', 1)).status).toBe(201)
    expect((await create('alice', 2)).status).toBe(201)
    expect((await create('bob', 3)).status).toBe(201)
    expect(await count('alice')).toBe(12)
    expect(await count('bob')).toBe(11)
    expect(await count()).toBe(10)
    expect(await count('carol')).toBe(10)
    // A session's world starts exactly as the default one: the same seeded records.
    expect(await (await call('/customers?limit=100', { session: 'dave' })).text()).toBe(await (await call('/customers?limit=100')).text())
  })

  it('make the same ids in every fresh session, as the seed promises', async () => {
    await start()
    const made = await Promise.all(['s1', 's2'].map(async (session) => ((await (await create(session, 1)).json()) as { id: string }).id))
    expect(made[0]).toBe(made[1])
  })

  it('reset, snapshot and the request log act on the session a control call names', async () => {
    await start()
    await create('alice', 1)
    await create('bob', 2)
    const health = await (await control('/health', { session: 'alice' })).json()
    expect(health.session).toBe('alice')
    expect(health.apis[0].records.customers).toBe(11)
    const log = await (await control('/requests', { session: 'alice' })).json()
    expect(log.requests.map((entry: { method: string }) => entry.method)).toEqual(['POST'])
    const snapshot = await (await control('/snapshot', { session: 'bob' })).json()
    expect(snapshot.stores.toptickets.collections.customers).toHaveLength(11)

    expect((await control('/reset', { method: 'POST', session: 'alice' })).status).toBe(200)
    expect(await count('alice')).toBe(10)
    expect(await count('bob')).toBe(11)
    // A snapshot of bob's world loaded into carol's.
    const restored = await control('/snapshot', { method: 'POST', session: 'carol', body: JSON.stringify(snapshot), headers: { 'content-type': 'application/json' } })
    expect(restored.status).toBe(200)
    expect(await count('carol')).toBe(11)
    expect(await count()).toBe(10)

    const all = await (await control('/requests/all')).json()
    expect(new Set(all.requests.map((entry: { session: string }) => entry.session))).toEqual(new Set(['alice', 'bob', 'carol', 'default']))
    const listed = await (await control('/sessions')).json()
    expect(listed.sessions.map((session: { name: string }) => session.name).sort()).toEqual(['alice', 'bob', 'carol'])
    expect((await control('/sessions/alice', { method: 'DELETE' })).status).toBe(200)
    expect((await control('/sessions/alice', { method: 'DELETE' })).status).toBe(404)
  })

  it('refuse a bad session name with a kit error, changing nothing', async () => {
    await start()
    const response = await create('no spaces allowed', 1)
    expect(response.status).toBe(400)
    expect(response.headers.get('x-mockdesk-error')).toBe('MOCKDESK_BAD_SESSION')
    expect(await count()).toBe(10)
  })

  it('drop the least recently used world beyond --max-sessions', async () => {
    await start({ maxSessions: 2 })
    await create('a', 1)
    await create('b', 2)
    await count('a')
    await create('c', 3) // b is the least recently used
    const names = (await (await control('/sessions')).json()).sessions.map((session: { name: string }) => session.name)
    expect(names).toEqual(['c', 'a'])
    expect(await count('a')).toBe(11)
    expect(await count('b')).toBe(10)
  })

  it('drop worlds idle longer than the TTL', async () => {
    const started = await start({ idleMs: 60_000 })
    await create('idle', 1)
    await started.sessions.registry.sweep(Date.now() + 61_000)
    expect((await (await control('/sessions')).json()).count).toBe(0)
    expect(await count('idle')).toBe(10)
  })

  it('answer a create beyond the session quota with MOCKDESK_SESSION_QUOTA, keeping the data', async () => {
    await start({ recordQuota: 11 })
    expect((await create('q', 1)).status).toBe(201)
    const refused = await create('q', 2)
    expect(refused.status).toBe(507)
    expect(refused.headers.get('content-type')).toContain('application/problem+json')
    expect((await refused.json()).code).toBe('MOCKDESK_SESSION_QUOTA')
    expect(await count('q')).toBe(11)
    // The default world has no quota.
    expect((await create(undefined, 2)).status).toBe(201)
  })

  it('with --session-key api-key, make each API key its own tenant', async () => {
    await start({ attribute: 'api-key' })
    expect((await create(undefined, 1, key)).status).toBe(201)
    expect(await count()).toBe(11)
    const other = await call('/customers?limit=100', { token: otherKey })
    expect(((await other.json()) as unknown[]).length).toBe(10)
    const listed = (await (await control('/sessions')).json()).sessions
    expect(listed).toHaveLength(2)
    for (const session of listed) expect(session.name).toMatch(/^key-[0-9a-f]{16}$/)
  })

  it('with --visitor-sessions, give each sandbox visitor a cookie that names a world of their own', async () => {
    await start({ visitorCookie: true })
    const page = await fetch(`${server!.url}/`)
    const cookie = page.headers.get('set-cookie')!
    expect(cookie).toMatch(/^mockdesk-session=visitor-[\w-]+; Path=\/; HttpOnly; SameSite=Strict/)
    const visitor = cookie.split(';')[0]!
    const other = (await fetch(`${server!.url}/`)).headers.get('set-cookie')!.split(';')[0]!
    expect(other).not.toBe(visitor)
    await control('/reset?seed=7', { method: 'POST', headers: { cookie: visitor } })
    expect((await (await control('/health', { headers: { cookie: visitor } })).json()).seed).toBe(7)
    expect((await (await control('/health', { headers: { cookie: other } })).json()).seed).toBe(42)
    expect((await (await control('/health')).json()).seed).toBe(42)
    // A page load with a cookie keeps it.
    expect((await fetch(`${server!.url}/`, { headers: { cookie: visitor } })).headers.get('set-cookie')).toBeNull()
  })

  it('with an admin token, lets a visitor act on their own world without it, and nothing else', async () => {
    server = await startMockServer({ port: 0, apis: ['toptickets'], count: 10, adminToken: 'owner-secret-123', sessions: { visitorCookie: true } })
    const visitor = (await fetch(`${server.url}/`)).headers.get('set-cookie')!.split(';')[0]!
    expect((await control('/reset?seed=7', { method: 'POST', headers: { cookie: visitor } })).status).toBe(200)
    expect((await (await control('/health', { headers: { cookie: visitor } })).json()).seed).toBe(7)
    // A header can name anyone's session: that still needs the token, as do the owner's endpoints.
    expect((await control('/reset', { method: 'POST', session: 'alice' })).status).toBe(401)
    expect((await control('/sessions', { headers: { cookie: visitor } })).status).toBe(401)
    expect((await control('/reset', { method: 'POST' })).status).toBe(401)
    expect((await control('/sessions', { headers: { 'x-mockdesk-admin-token': 'owner-secret-123' } })).status).toBe(200)
  })
})
