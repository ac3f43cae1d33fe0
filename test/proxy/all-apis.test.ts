/**
 * The proxy with `--all` in front of mockdesk's own server, which stands in for all five vendors
 * (the contract self-check proves it keeps the specs): each API's introductory list passes with
 * no violation, and its recording seeds another mock (another seed, so other ids) that then
 * serves the recorded records first. This covers each API's envelope, pagination pointer and
 * auth placement, and shows the masks keep the data valid for every spec.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiIds, selectApis } from '../../src/apis/select-apis.ts'
import { authorize, introductoryOperation } from '../../src/core/sample-request.ts'
import { startMockServer, type MockHttpServer } from '../../src/node/http-server.ts'
import { loadRecording, seedFromRecording, startProxy, type ExchangeLogEntry, type ProxyServer } from '../../src/proxy/index.ts'
import { at } from '../../src/proxy/violation.ts'

let vendor: MockHttpServer
let proxy: ProxyServer
const entries: ExchangeLogEntry[] = []
const dir = mkdtempSync(join(tmpdir(), 'mockdesk-all-'))

beforeAll(async () => {
  vendor = await startMockServer({ port: 0 })
  proxy = await startProxy({
    targets: apiIds.map((api) => ({ api, target: vendor.baseUrls[api]! })),
    prefixed: true,
    allowHttp: true,
    port: 0,
    record: dir,
    logger: { exchange: (entry) => void entries.push(entry), info() {} },
  })
})

afterAll(async () => {
  await proxy?.close()
  await vendor?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** The ids of a list answer's items, at the spec's `x-pagination.items` pointer. */
function itemIds(body: unknown, pointer = ''): unknown[] {
  const items = at(body, pointer === '' || pointer.startsWith('/') ? pointer : `/${pointer}`)
  return (Array.isArray(items) ? items : Object.values(items as object)).map((item) => (item as { id: unknown }).id)
}

describe.each(selectApis())('$id through the proxy', (api) => {
  const operation = introductoryOperation(api.document)!
  const pagination = operation.definition['x-pagination'] as { items?: string } | undefined
  let recordedIds: unknown[]

  beforeAll(async () => {
    const auth = authorize(api.document, operation, api.keys[0]!.key)
    const url = new URL(`${proxy.baseUrls[api.id]}${operation.path}`)
    for (const [name, value] of Object.entries(auth.query)) url.searchParams.set(name, value)
    const response = await fetch(url, { headers: auth.headers })
    expect(response.status).toBe(200)
    recordedIds = itemIds(await response.json(), pagination?.items)
  })

  it('passes the list with no violation and no drift', () => {
    const entry = entries.find((e) => e.api === api.id)!
    expect(entry).toMatchObject({ operationId: operation.id, status: 200, answered: 200, violations: [] })
    const drift = proxy.report().apis.find((a) => a.api === api.id)!
    expect(drift.operations.flatMap((op) => op.differences)).toEqual([])
  })

  it('seeds another mock from the recording, which serves the recorded records first', async () => {
    expect(recordedIds.length).toBeGreaterThan(0)
    const fresh = await startMockServer({ apis: [api.id as never], port: 0, seed: 7, count: 3 })
    try {
      const entriesForApi = (await loadRecording(dir)).filter((entry) => entry._mockdesk.api === api.id)
      const [seeded] = await seedFromRecording(fresh.mockdesk, entriesForApi)
      expect(seeded).toMatchObject({ api: api.id, records: recordedIds.length, skipped: 0 })
      const auth = authorize(api.document, operation, api.keys[0]!.key)
      const url = new URL(`${fresh.baseUrls[api.id]}${operation.path}`)
      for (const [name, value] of Object.entries(auth.query)) url.searchParams.set(name, value)
      const served = itemIds(await (await fetch(url, { headers: auth.headers })).json(), pagination?.items)
      expect(served.slice(0, recordedIds.length)).toEqual(recordedIds)
      // Ids given out later never repeat a recorded one (stores with numeric id counters).
      if (recordedIds.every((id) => typeof id === 'number')) {
        const store = fresh.mockdesk.apis[0]!.store as Record<string, unknown>
        // billingplatform's `sequence.ticket` (the next id), omnidesk's `ids.customer` (the last one given).
        const counters = JSON.stringify([store.sequence, store.ids].filter(Boolean))
        const numbers = (counters.match(/\d+/g) ?? []).map(Number)
        expect(Math.max(...numbers)).toBeGreaterThan(Math.max(...(recordedIds as number[])))
      }
    } finally {
      await fresh.close()
    }
  })
})
