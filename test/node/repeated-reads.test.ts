/**
 * Repeated reads (src/core/repeated-reads.ts) over real sockets: the HTTP server answers a read it
 * has answered from prepared bytes before the pipeline, with the very bytes the pipeline gives
 * (compared on the wire against a server without the cache), logs it the same way, and stops as
 * soon as anything the answer depends on may have changed: a write, behaviour settings, or a
 * request that differs in any header.
 */
import { connect } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { apiIds, apis } from '../../src/apis/select-apis.ts'
import { authorize, introductoryOperation } from '../../src/core/sample-request.ts'
import { startMockServer, type MockHttpServer } from '../../src/node/http-server.ts'

let servers: MockHttpServer[] = []
afterEach(async () => {
  vi.restoreAllMocks()
  await Promise.all(servers.map((server) => server.close()))
  servers = []
})

async function start(options: Parameters<typeof startMockServer>[0]) {
  const server = await startMockServer({ port: 0, ...options })
  servers.push(server)
  return server
}

/** One request on its own connection; the answer as the bytes received, `Date` line blanked. */
function rawGet(url: string, headers: Record<string, string>): Promise<string> {
  const { host, port, pathname, search } = new URL(url)
  const lines = [`GET ${pathname}${search} HTTP/1.1`, `Host: ${host}`, 'Connection: close', ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)]
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(`${lines.join('\r\n')}\r\n\r\n`))
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1').replace(/^Date: .*$/m, 'Date: -')))
  })
}

describe.each(apiIds)('%s: a repeated read is the pipeline\'s answer, byte for byte', (id) => {
  it('the same bytes on the wire as a server without prepared answers, every time', async () => {
    const [cached, uncached] = await Promise.all([start({ apis: [id], count: 5 }), start({ apis: [id], count: 5, responseCacheBytes: 0 })])
    const api = apis[id]
    const list = introductoryOperation(api.document)!
    const auth = authorize(api.document, list, api.keys[0]!.key)
    const target = (server: MockHttpServer) => {
      const url = new URL(server.baseUrls[id]! + list.path)
      for (const [name, value] of Object.entries(auth.query)) url.searchParams.set(name, value)
      return url.href
    }
    // Answers that link to themselves name their server: the other server's address is swapped in.
    const fresh = (await rawGet(target(uncached), auth.headers)).replaceAll(new URL(uncached.url).host, new URL(cached.url).host)
    expect(fresh).toMatch(/^HTTP\/1\.1 200 /)
    // The first is built, the second and third are repeats.
    for (let i = 0; i < 3; i++) expect(await rawGet(target(cached), auth.headers)).toBe(fresh)
    expect(cached.mockdesk.requests.since().map(({ seq: _, at: __, ms: ___, ...entry }) => entry)).toEqual(
      uncached.mockdesk.requests.since().concat(uncached.mockdesk.requests.since(), uncached.mockdesk.requests.since()).map(({ seq: _, at: __, ms: ___, ...entry }) => entry),
    )
  })
})

describe('when a read is repeated without the pipeline', () => {
  const key = apis.toptickets.keys[0]!.key
  const headers = { authorization: `Bearer ${key}` }

  /** A server, and how many requests have reached TopTickets' authentication (the pipeline) so far. */
  async function counted() {
    const server = await start({ apis: ['toptickets'], count: 5 })
    const authenticate = vi.spyOn(apis.toptickets, 'authenticate')
    const list = `${server.baseUrls.toptickets}/customers?limit=100`
    const get = async (extra: Record<string, string> = {}) => {
      const response = await fetch(list, { headers: { ...headers, ...extra } })
      // Every header but Date, which moves on when two requests fall either side of a second.
      return { status: response.status, headers: [...response.headers].filter(([name]) => name !== 'date'), names: ((await response.json()) as Array<{ name: string }>).map((c) => c.name) }
    }
    return { server, get, piped: () => authenticate.mock.calls.length }
  }

  it('answers the same request again without authenticating, routing or validating it', async () => {
    const { server, get, piped } = await counted()
    const first = await get()
    expect(piped()).toBe(1)
    expect(await get()).toEqual(first)
    expect(await get()).toEqual(first)
    expect(piped()).toBe(1)
    // Still logged, as any request.
    expect(server.mockdesk.requests.since().map((entry) => [entry.method, entry.status, entry.api])).toEqual(Array(3).fill(['GET', 200, 'toptickets']))
  })

  it('runs the pipeline again after a write, and the read shows it', async () => {
    const { server, get, piped } = await counted()
    await get()
    await get()
    const created = await fetch(`${server.baseUrls.toptickets}/customers`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'New Person', email: 'new.person@example.com' }),
    })
    expect(created.status).toBe(201)
    const before = piped()
    expect((await get()).names).toContain('New Person')
    expect(piped()).toBe(before + 1)
    await get()
    expect(piped()).toBe(before + 1)
  })

  it('runs the pipeline after a reset, and while behaviour settings are in force', async () => {
    const { server, get, piped } = await counted()
    await get()
    await server.mockdesk.reset()
    await get()
    expect(piped()).toBe(2)
    server.mockdesk.behave({ latency: 1 })
    await get()
    await get()
    expect(piped()).toBe(4)
    // Back to no behaviour, the read remembered before it applies again.
    server.mockdesk.behave({})
    await get()
    await get()
    expect(piped()).toBe(4)
  })

  it('stands aside while a page watches the log, so every exchange is captured', async () => {
    const { server, get, piped } = await counted()
    await get()
    await get()
    const stop = server.mockdesk.requests.watch()
    await get()
    await get()
    expect(piped()).toBe(3)
    const last = server.mockdesk.requests.since().at(-1)!
    expect(server.mockdesk.requests.entry(last.seq)?.exchange).toBeDefined()
    stop()
    await get()
    expect(piped()).toBe(3)
  })

  it('does not repeat requests that differ in a header, ask for a status, name a session or come from another origin', async () => {
    const { get, piped } = await counted()
    await get()
    await get({ 'x-trace': '1' })
    expect(piped()).toBe(2)
    const extras: Array<Record<string, string>> = [{ prefer: 'code=200' }, { 'x-mockdesk-session': 'someone' }, { origin: 'http://app.test' }]
    for (const extra of extras) {
      const before = piped()
      const answers = [await get(extra), await get(extra)]
      expect(piped()).toBe(before + 2)
      expect(answers[1]!.names).toEqual(answers[0]!.names)
    }
    expect((await get({ origin: 'http://app.test' })).headers).toContainEqual(['access-control-allow-origin', 'http://app.test'])
  })
})
