/**
 * The control endpoints behind the sandbox page's tools, over real HTTP, per world: the data
 * browser (`/__mockdesk/data...`: collections, pages, search, one record; hostile input answered
 * with kit errors, never a 500), the request console's spec (`/__mockdesk/openapi/<api>`, servers
 * replaced by the mock's mount), and the request log's exchanges (headers and bodies, secrets
 * masked, bodies capped) kept while a page watches the log. Access follows the control plane's
 * rules: with an admin token, a visitor's cookie reaches their own world's tools only.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { maxBodyChars } from '../../src/core/request-exchange.ts'
import { startMockServer, type MockHttpServer } from '../../src/node/index.ts'
import { readEvents } from '../support/server-sent-events.ts'

const key = 'tt_admin_9f3k2m7x4q8w1e6r5t0y3u2i9o8p7a6s'
let server: MockHttpServer | undefined
afterEach(() => server?.close())

const control = (path: string, headers: Record<string, string> = {}) => fetch(`${server!.url}/__mockdesk${path}`, { headers })
const json = async (path: string, headers: Record<string, string> = {}) => {
  const response = await control(path, headers)
  return { status: response.status, type: response.headers.get('content-type'), body: await response.json() }
}
const createCustomer = (session: string | undefined, name: string) =>
  fetch(`${server!.baseUrls.toptickets}/customers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...(session && { 'x-mockdesk-session': session }) },
    body: JSON.stringify({ name, email: `${name.toLowerCase().replace(/\W/g, '.')}@example.com` }),
  })

describe('the data browser', () => {
  it('lists each API’s collections with counts, pages through records, searches, and shows one in full', async () => {
    server = await startMockServer({ port: 0, count: 30 })
    const overview = await json('/data')
    expect(overview.status).toBe(200)
    expect(overview.body.apis.map((api: { id: string }) => api.id)).toEqual(Object.keys(server.baseUrls))
    const toptickets = overview.body.apis.find((api: { id: string }) => api.id === 'toptickets')
    expect(toptickets.collections).toEqual([{ name: 'customers', count: 30 }])
    // Every collection the health endpoint counts, with the same count (and those it leaves out).
    const health = await json('/health')
    for (const api of overview.body.apis) {
      const counts = Object.fromEntries(api.collections.map((c: { name: string; count: number }) => [c.name, c.count]))
      expect(counts).toMatchObject(health.body.apis.find((h: { id: string }) => h.id === api.id).records)
    }
    expect(overview.body.apis.find((api: { id: string }) => api.id === 'tomticket').collections.length).toBeGreaterThan(2)

    const first = await json('/data/toptickets/customers?limit=7')
    expect(first.body).toMatchObject({ api: 'toptickets', collection: 'customers', total: 30, matched: 30, offset: 0, limit: 7 })
    expect(first.body.records).toHaveLength(7)
    const second = await json('/data/toptickets/customers?offset=7&limit=7')
    const ids = [...first.body.records, ...second.body.records].map((r: { id: string }) => r.id)
    expect(new Set(ids).size).toBe(14)
    // The order is the API's own list order.
    const listed = await (await fetch(`${server.baseUrls.toptickets}/customers?limit=14`, { headers: { authorization: `Bearer ${key}` } })).json()
    expect(ids).toEqual(listed.map((c: { id: string }) => c.id))

    const someone = first.body.records[3].record as { id: string; email: string }
    const found = await json(`/data/toptickets/customers?q=${encodeURIComponent(someone.email.toUpperCase())}`)
    expect(found.body.matched).toBe(1)
    expect(found.body.records[0].id).toBe(someone.id)
    expect((await json('/data/toptickets/customers?q=no-such-text-anywhere')).body).toMatchObject({ matched: 0, records: [] })

    const one = await json(`/data/toptickets/customers/${encodeURIComponent(someone.id)}`)
    expect(one.body).toEqual({ api: 'toptickets', collection: 'customers', id: someone.id, record: someone })
  })

  it('finds records whose ids are numbers by the id as the URL gives it', async () => {
    server = await startMockServer({ port: 0, apis: ['omnidesk'], count: 5 })
    const { body } = await json('/data')
    const collection = body.apis[0].collections[0].name
    const page = await json(`/data/omnidesk/${collection}?limit=1`)
    const id = page.body.records[0].id
    expect((await json(`/data/omnidesk/${collection}/${id}`)).body.record).toEqual(page.body.records[0].record)
  })

  it('answers hostile input with kit errors naming what works, never a 500, and changes nothing', async () => {
    server = await startMockServer({ port: 0, apis: ['toptickets'], count: 10 })
    const cases: Array<[string, number, RegExp]> = [
      ['/data/toptickets/customers?limit=100000000', 400, /limit/],
      ['/data/toptickets/customers?limit=101', 400, /at most 100/],
      ['/data/toptickets/customers?limit=-1', 400, /limit/],
      ['/data/toptickets/customers?limit=1e3', 400, /limit/],
      ['/data/toptickets/customers?offset=99999999999999999999', 400, /offset/],
      ['/data/toptickets/customers?offset=abc', 400, /offset/],
      [`/data/toptickets/customers?q=${'x'.repeat(201)}`, 400, /search text/],
      ['/data/toptickets/tickets', 404, /no collection "tickets"/],
      ['/data/nope/customers', 404, /No mounted API is called "nope"/],
      ['/data/toptickets/customers/no-such-id', 404, /no record "no-such-id"/],
      ['/data/toptickets/customers/a/b', 404, /no data endpoint/],
      ['/data/toptickets/__proto__', 404, /no collection "__proto__"/],
      ['/data/toptickets/customers/%E0%A4%A', 400, /percent-encoding/],
      ['/openapi/nope', 404, /No mounted API/],
      ['/requests/123456', 404, /no request 123456/],
    ]
    for (const [path, status, title] of cases) {
      const answer = await json(path)
      expect(answer.status, path).toBe(status)
      expect(answer.type, path).toBe('application/problem+json')
      expect(answer.body.code, path).toMatch(/^MOCKDESK_/)
      expect(answer.body.title, path).toMatch(title)
      expect(answer.body.fix, path).toBeTruthy()
    }
    const notRead = await fetch(`${server.url}/__mockdesk/data/toptickets/customers`, { method: 'DELETE', headers: { 'x-mockdesk-control': '1' } })
    expect(notRead.status).toBe(404)
    expect((await json('/data')).body.apis[0].collections[0].count).toBe(10)
  })

  it('shows each session its own world only', async () => {
    server = await startMockServer({ port: 0, apis: ['toptickets'], count: 10 })
    expect((await createCustomer('alice', 'Alice Only')).status).toBe(201)
    const alice = await json('/data/toptickets/customers?q=alice%20only', { 'x-mockdesk-session': 'alice' })
    expect(alice.body.matched).toBe(1)
    expect((await json('/data/toptickets/customers?q=alice%20only', { 'x-mockdesk-session': 'bob' })).body.matched).toBe(0)
    expect((await json('/data/toptickets/customers?q=alice%20only')).body.matched).toBe(0)
    const id = alice.body.records[0].id
    expect((await json(`/data/toptickets/customers/${id}`, { 'x-mockdesk-session': 'bob' })).status).toBe(404)
  })
})

describe('the request console’s spec', () => {
  it('is the API’s own document with its servers replaced by this server’s mount', async () => {
    server = await startMockServer({ port: 0, apis: ['toptickets', 'omnidesk'] })
    for (const id of ['toptickets', 'omnidesk']) {
      const { status, body } = await json(`/openapi/${id}`)
      expect(status).toBe(200)
      expect(body.openapi).toMatch(/^3\.1/)
      expect(body.servers).toEqual([{ url: server.baseUrls[id], description: 'this mockdesk server' }])
      expect(Object.keys(body.paths).length).toBeGreaterThan(0)
    }
  })
})

describe('the request console’s files', () => {
  it('are Swagger UI’s, served by the server itself: gzipped, revalidated by tag, under the page’s headers', async () => {
    server = await startMockServer({ port: 0, apis: ['toptickets'] })
    const dist = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
    for (const [file, type] of [['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'], ['swagger-ui.css', 'text/css; charset=utf-8']] as const) {
      const response = await fetch(`${server.url}/console/${file}`, { headers: { 'accept-encoding': 'gzip' } })
      expect([response.status, response.headers.get('content-type'), response.headers.get('content-encoding')]).toEqual([200, type, 'gzip'])
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(path.join(dist, file)))).toBe(true)
      const again = await fetch(`${server.url}/console/${file}`, { headers: { 'if-none-match': response.headers.get('etag')! } })
      expect(again.status).toBe(304)
    }
    expect((await fetch(`${server.url}/console/swagger-ui.js`)).status).toBe(404)
  })
})

/** The data of the first `count` server-sent events. */
const events = async (response: Response, count: number) => (await readEvents(response, count)).map((event) => event.data)

describe('the request log’s exchanges', () => {
  it('keeps headers and bodies while a page watches, with credentials masked and bodies capped', async () => {
    server = await startMockServer({ port: 0, apis: ['toptickets', 'omnidesk'], count: 200 })
    // Nobody watching: nothing kept.
    await createCustomer(undefined, 'Before Anyone Watched')
    const unwatched = (await json('/requests')).body.requests[0]
    expect((await json(`/requests/${unwatched.seq}`)).body.exchange).toBeUndefined()

    const stream = await control('/requests/events?after=1')
    const received = events(stream, 3)
    await createCustomer(undefined, 'Watched Person')
    await fetch(`${server.baseUrls.toptickets}/customers?limit=100`, { headers: { authorization: `Bearer ${key}` } })
    const omnidesk = await fetch(`${server.baseUrls.omnidesk}/api/v2/customer?apiKey=${server.mockdesk.apis[1]!.definition.keys[0]!.key}&itemLimit=1`)
    expect(omnidesk.status).toBe(200)
    const [created, listed, byQuery] = (await received) as [Record<string, any>, Record<string, any>, Record<string, any>]

    expect(created.exchange.request.headers.authorization).toBe('Bearer [REDACTED]')
    expect(JSON.parse(created.exchange.request.body)).toEqual({ name: 'Watched Person', email: 'watched.person@example.com' })
    expect(created.exchange.response.headers['content-type']).toContain('application/json')
    expect(JSON.parse(created.exchange.response.body)).toMatchObject({ name: 'Watched Person' })
    expect(JSON.stringify(created)).not.toContain(key)

    // A long list: cut at the cap, with its whole size said.
    expect(listed.exchange.response.truncated).toBe(true)
    expect(listed.exchange.response.body).toHaveLength(maxBodyChars)
    expect(listed.exchange.response.size).toBeGreaterThan(maxBodyChars)
    expect(listed.exchange.request.body).toBeUndefined()

    // A key in the query is masked in the logged path too.
    expect(byQuery.path).toBe('/omnidesk/api/v2/customer?apiKey=%5BREDACTED%5D&itemLimit=1')
    const all = JSON.stringify((await json('/requests')).body)
    expect(all).not.toContain(server.mockdesk.apis[1]!.definition.keys[0]!.key)

    // The same entry, asked for by its seq.
    const one = await json(`/requests/${created.seq}`)
    expect(one.body).toEqual(created)
  })

  it('masks secret fields of JSON and form bodies', async () => {
    server = await startMockServer({ port: 0, apis: ['omnidesk'], count: 5 })
    const stream = await control('/requests/events')
    const received = events(stream, 2)
    const base = server.baseUrls.omnidesk
    const apiKey = server.mockdesk.apis[0]!.definition.keys[0]!.key
    await fetch(`${base}/api/v2/customer`, { method: 'POST', headers: { apiKey, 'content-type': 'application/json' }, body: JSON.stringify({ customer: { name: 'X', password: 'hunter22' } }) })
    await fetch(`${base}/api/v2/customer`, { method: 'POST', headers: { apiKey, 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=Y&token=s3cret-token' })
    const [asJson, asForm] = (await received) as [Record<string, any>, Record<string, any>]
    expect(asJson.exchange.request.headers.apikey).toBe('[REDACTED]')
    expect(asJson.exchange.request.body).toContain('"password": "[REDACTED]"')
    expect(asJson.exchange.request.body).not.toContain('hunter22')
    expect(asForm.exchange.request.body).toBe('name=Y&token=%5BREDACTED%5D')
  })

  it('reads no more of a huge or broken body than it shows, and still masks what it shows', async () => {
    server = await startMockServer({ port: 0, apis: ['toptickets'], count: 5 })
    const stream = await control('/requests/events')
    const received = events(stream, 3)
    const post = (body: string) =>
      fetch(`${server!.baseUrls.toptickets}/customers`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body })
    // 3 MB, past the server's 1 MiB body limit: refused, and not copied at all.
    const huge = `{"password": "hunter22", "notes": "${'n'.repeat(3 * 1024 * 1024)}"}`
    expect((await post(huge)).status).toBe(413)
    // Broken JSON: secret fields masked where they stand; a long body: masked, then cut.
    expect((await post('{"name": "X", "token": "s3cret-token", oops')).status).toBe(422)
    expect((await post(`{"name": "Y", "notes": "${'m'.repeat(20_000)}", "password": "hunter22"}`)).status).toBe(422)
    const [tooLarge, broken, long] = (await received) as [Record<string, any>, Record<string, any>, Record<string, any>]
    expect(tooLarge.exchange.request).toMatchObject({ truncated: true, size: huge.length, body: `(${huge.length} bytes: not kept, more than 32 KiB)` })
    expect(tooLarge.exchange.response.body).toContain('MOCKDESK_BODY_TOO_LARGE')
    expect(broken.exchange.request.body).toBe('{"name": "X", "token": "[REDACTED]", oops')
    expect(long.exchange.request).toMatchObject({ truncated: true, body: expect.stringMatching(/^\{\n {2}"name": "Y",\n {2}"notes": "mmm/) })
    expect(long.exchange.request.size).toBeGreaterThan(20_000)
    // The connection that carried the refused upload still serves the next request.
    expect((await post('{"name": "Z", "email": "z@example.com"}')).status).toBe(201)
  })
})

describe('access to the tools', () => {
  it('needs the admin token, except for a visitor’s own world through their cookie', async () => {
    server = await startMockServer({ port: 0, apis: ['toptickets'], count: 5, adminToken: 'a-long-admin-token', sessions: { visitorCookie: true } })
    for (const path of ['/data', '/data/toptickets/customers', '/openapi/toptickets', '/requests/1']) {
      expect((await control(path)).status, path).toBe(401)
      expect((await control(path, { 'x-mockdesk-session': 'someone' })).status, path).toBe(401)
    }
    const cookie = (await fetch(`${server.url}/`)).headers.get('set-cookie')!.split(';')[0]!
    expect((await control('/data/toptickets/customers', { cookie })).status).toBe(200)
    expect((await control('/openapi/toptickets', { cookie })).status).toBe(200)
    expect((await control('/data', { 'x-mockdesk-admin-token': 'a-long-admin-token' })).status).toBe(200)
    // Another site's page may not read them, token or not.
    expect((await control('/data', { cookie, origin: 'https://evil.example' })).status).toBe(403)
  })
})
