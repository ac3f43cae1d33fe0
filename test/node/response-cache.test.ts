/**
 * The response cache (src/core/response-cache.ts) from the outside: answers served from prepared
 * bytes are the same as freshly built ones, through reads and writes, in every API; a write makes
 * the next read see it; and the cache really serves (a change made behind the store's back, which
 * bumps no version, is not seen until a write does), a page even after writes past its end.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { apiIds, apis } from '../../src/apis/select-apis.ts'
import { documentedBaseUrl } from '../../src/core/openapi-document.ts'
import { authorize, introductoryOperation } from '../../src/core/sample-request.ts'
import { startMockServer, type MockHttpServer } from '../../src/node/http-server.ts'
import { setupMockdesk, type MockdeskServer } from '../../src/node/index.ts'
import { runSmoke, type Step } from '../support/smoke-walk.ts'

// Records created in the two runs get the same timestamps only if the clock stands still.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2025-06-02T10:20:30Z'))
})
afterEach(() => vi.useRealTimers())

type Answer = Pick<Step, 'method' | 'url' | 'status' | 'headers' | 'text'>

describe.each(apiIds)('%s: cached answers are byte-identical to fresh ones', (id) => {
  let mock: MockdeskServer | undefined
  afterEach(() => mock?.close())

  /** The introductory list twice, a create kept, the list twice, a full walk (create, read, delete, read, bad request), the list twice. */
  async function transcript(responseCacheBytes?: number): Promise<Answer[] & { afterCreate: Answer }> {
    mock = await setupMockdesk({ apis: [id], count: 3, responseCacheBytes })
    mock.listen({ onUnhandledRequest: 'error' })
    const api = apis[id]
    const list = introductoryOperation(api.document)!
    const auth = authorize(api.document, list, api.keys[0]!.key)
    const url = new URL(documentedBaseUrl(api.document).replace(/\/$/, '') + list.path)
    for (const [name, value] of Object.entries(auth.query)) url.searchParams.set(name, value)
    const readList = async (): Promise<Answer> => {
      const response = await fetch(url, { headers: auth.headers })
      return { method: 'GET', url: url.href, status: response.status, headers: Object.fromEntries(response.headers), text: await response.text() }
    }
    const answers: Answer[] = [await readList(), await readList()]
    answers.push(...(await runSmoke(api, { keep: true })).steps)
    const afterCreate = await readList()
    answers.push(afterCreate, await readList())
    answers.push(...(await runSmoke(api, { seed: 2 })).steps, await readList(), await readList())
    mock.close()
    return Object.assign(answers, { afterCreate })
  }

  it('through reads and writes, with the cache and without', async () => {
    const cached = await transcript()
    const fresh = await transcript(0)
    expect(cached).toEqual(fresh)
    // The walk's create is in the list (3 seeded records), so the lists after it differ: a cached
    // list that outlived the write would have failed the comparison above.
    expect(cached[0]!.status).toBe(200)
    expect(cached.afterCreate.text).not.toBe(cached[1]!.text)
  })
})

describe('over HTTP', () => {
  let servers: MockHttpServer[] = []
  afterEach(async () => {
    await Promise.all(servers.map((server) => server.close()))
    servers = []
  })

  const key = apis.toptickets.keys[0]!.key
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' }
  const names = async (server: MockHttpServer) => {
    const response = await fetch(`${server.baseUrls.toptickets}/customers?limit=100`, { headers })
    expect(response.status).toBe(200)
    return ((await response.json()) as Array<{ name: string }>).map((customer) => customer.name)
  }

  it('serves a read from prepared bytes until a write touches what it read', async () => {
    const [cached, uncached] = await Promise.all([
      startMockServer({ port: 0, apis: ['toptickets'], count: 5 }),
      startMockServer({ port: 0, apis: ['toptickets'], count: 5, responseCacheBytes: 0 }),
    ])
    servers.push(cached, uncached)
    const before = await names(cached)
    await names(uncached)

    // Behind the store's back (the collection's version set back after the change, as if it had
    // never moved): only the server without a cache sees it. This is what proves the cached server
    // answered from the cache.
    for (const server of [cached, uncached]) {
      const store = server.mockdesk.apis[0]!.store as typeof apis.toptickets extends { createStore(o: never): Promise<infer S> } ? S : never
      const version = store.customers.version.value
      await store.customers.update(store.customers.all()[0]!.id, (draft) => {
        draft.name = 'Changed Quietly'
      })
      store.customers.version.value = version
    }
    expect(await names(cached)).toEqual(before)
    expect((await names(uncached))[0]).toBe('Changed Quietly')

    // A write through the API bumps the collection's version: the next read is built afresh.
    const created = await fetch(`${cached.baseUrls.toptickets}/customers`, { method: 'POST', headers, body: JSON.stringify({ name: 'New Person', email: 'new.person@example.com' }) })
    expect(created.status).toBe(201)
    const after = await names(cached)
    expect(after).toContain('New Person')
    expect(after[0]).toBe('Changed Quietly')
  })

  it('serves a page again after writes past its end (a create appends), and rebuilds it after a write within it', async () => {
    const [cached, uncached] = await Promise.all([
      startMockServer({ port: 0, apis: ['toptickets'], count: 5 }),
      startMockServer({ port: 0, apis: ['toptickets'], count: 5, responseCacheBytes: 0 }),
    ])
    servers.push(cached, uncached)
    const page = async (server: MockHttpServer) => {
      const response = await fetch(`${server.baseUrls.toptickets}/customers?limit=2`, { headers })
      expect(response.status).toBe(200)
      return (await response.json()) as Array<{ id: string; name: string }>
    }
    const before = await page(cached)
    // Quietly, as above: only an answer built afresh shows it.
    for (const server of [cached, uncached]) {
      const store = server.mockdesk.apis[0]!.store as typeof apis.toptickets extends { createStore(o: never): Promise<infer S> } ? S : never
      const version = store.customers.version.value
      await store.customers.update(before[0]!.id, (draft) => {
        draft.name = 'Changed Quietly'
      })
      store.customers.version.value = version
    }
    const write = (server: MockHttpServer, method: string, path: string, body?: object) =>
      fetch(`${server.baseUrls.toptickets}/customers${path}`, { method, headers, body: body && JSON.stringify(body) })

    // Past the page: a create (the sixth record) and an update of the fifth.
    for (const server of [cached, uncached]) {
      expect((await write(server, 'POST', '', { name: 'New Person', email: 'new.person@example.com' })).status).toBe(201)
      const fifth = ((await (await write(server, 'GET', '?skip=4&limit=1')).json()) as Array<{ id: string }>)[0]!
      expect((await write(server, 'PATCH', `/${fifth.id}`, { notes: 'further down' })).status).toBe(200)
    }
    expect(await page(cached)).toEqual(before)
    expect((await page(uncached))[0]!.name).toBe('Changed Quietly')

    // Within the page: the second record changes, and the page is built afresh.
    for (const server of [cached, uncached]) expect((await write(server, 'PATCH', `/${before[1]!.id}`, { name: 'Renamed' })).status).toBe(200)
    expect(await page(cached)).toEqual(await page(uncached))
    expect((await page(cached)).map((customer) => customer.name)).toEqual(['Changed Quietly', 'Renamed'])

    // A delete before the page's end moves the records after it up.
    for (const server of [cached, uncached]) expect((await write(server, 'DELETE', `/${before[0]!.id}`)).status).toBe(204)
    expect(await page(cached)).toEqual(await page(uncached))
    expect((await page(cached))[0]!.name).toBe('Renamed')
  })

  it('keeps callers with different permissions apart', async () => {
    const server = await startMockServer({ port: 0, apis: ['toptickets'], count: 5 })
    servers.push(server)
    const readOnly = apis.toptickets.keys.find((entry) => entry.key.startsWith('tt_ro_'))!.key
    const url = `${server.baseUrls.toptickets}/customers?limit=2`
    const admin = await fetch(url, { headers: { authorization: `Bearer ${key}` } })
    const reader = await fetch(url, { headers: { authorization: `Bearer ${readOnly}` } })
    const nobody = await fetch(url, { headers: { authorization: 'Bearer tt_admin_not_a_key' } })
    expect([admin.status, reader.status, nobody.status]).toEqual([200, 200, 401])
    expect(await reader.text()).toBe(await admin.text())
  })
})
