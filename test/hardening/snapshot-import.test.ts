/**
 * POST /__mockdesk/snapshot is bounded like any body and checked like the store's own writes
 * (issue 13, findings 1 and 4): a bad import says exactly what is wrong and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMockServer, type MockHttpServer } from '../../src/node/index.ts'

const control = { 'x-mockdesk-control': '1' }

describe('snapshot imports', () => {
  let server: MockHttpServer
  let good: any
  const state = () => JSON.stringify(server.mockdesk.snapshot())
  const load = (body: string) => fetch(`${server.url}/__mockdesk/snapshot`, { method: 'POST', headers: control, body })
  const copy = () => structuredClone(good)

  beforeAll(async () => {
    server = await startMockServer({ port: 0, count: 5, maxBodyBytes: 256 * 1024 })
    good = await (await fetch(`${server.url}/__mockdesk/snapshot`)).json()
  })
  afterAll(() => server.close())

  /** Loads `snapshot`, expects a refusal whose title matches `reason`, and no change at all. */
  async function refused(snapshot: unknown, reason: RegExp) {
    const before = state()
    const reply = await load(typeof snapshot === 'string' ? snapshot : JSON.stringify(snapshot))
    const body = await reply.json()
    expect(reply.status, body.title).toBe(400)
    expect(body.code).toBe('MOCKDESK_BAD_CONTROL_REQUEST')
    expect(body.title).toMatch(reason)
    expect(body.title).toMatch(/Nothing changed\.$/)
    expect(state()).toBe(before)
    return body
  }

  it('applies the body limit (--max-body-bytes) to imports', async () => {
    const big = copy()
    big.stores.toptickets.collections.customers[0].notes = 'x'.repeat(300 * 1024)
    const before = state()
    const reply = await load(JSON.stringify(big))
    expect(reply.status).toBe(413)
    expect((await reply.json()).code).toBe('MOCKDESK_BODY_TOO_LARGE')
    expect(state()).toBe(before)
  })

  it('refuses records the spec rejects, naming the record and field', async () => {
    const bad = copy()
    bad.stores.toptickets.collections.customers[2].email = 42
    await refused(bad, /stores\.toptickets\.collections\.customers\[2\]\.email/)
  })

  it('refuses duplicate ids and duplicate unique fields', async () => {
    const ids = copy()
    const customers = ids.stores.toptickets.collections.customers
    customers[3].id = customers[1].id
    await refused(ids, /customers\[3\] has the same id .* as stores\.toptickets\.collections\.customers\[1\]/)
    const emails = copy()
    emails.stores.toptickets.collections.customers[4].email = emails.stores.toptickets.collections.customers[0].email.toUpperCase()
    await refused(emails, /customers\[4\] has the same email/)
  })

  it('refuses id counters that later creates would collide with', async () => {
    const behind = copy()
    const tickets = behind.stores.billingplatform.collections.tickets
    behind.stores.billingplatform.state.sequence.ticket = tickets.at(-1).id
    await refused(behind, /stores\.billingplatform\.state\.sequence\.ticket is \d+, but .*tickets holds id \d+.*at least/)
    const last = copy()
    last.stores.omnidesk.state.ids.customer.last = 1
    await refused(last, /stores\.omnidesk\.state\.ids\.customer\.last is 1/)
    const wrongKind = copy()
    wrongKind.stores.billingplatform.state.sequence = 5
    await refused(wrongKind, /state\.sequence must be an object, not a number/)
    const extra = copy()
    extra.stores.billingplatform.state.admin = true
    await refused(extra, /state\.admin is not part of this store/)
  })

  it('refuses seeds that reset?seed= refuses', async () => {
    for (const seed of [1.5, -1, 1e308, '7', null]) {
      await refused({ ...copy(), seed }, /seed .* is not a non-negative integer/)
    }
    const generation = copy()
    generation.stores.toptickets.generation = -3
    await refused(generation, /stores\.toptickets\.generation must be a non-negative integer/)
  })

  it('refuses prototype keys anywhere, and pollutes nothing', async () => {
    const text = JSON.stringify(good)
    const hostile = [
      text.replace('"state":{', '"state":{"__proto__":{"polluted":"yes"},'),
      text.replace('"seed":', '"__proto__":{"polluted":"yes"},"seed":'),
      text.replace('"collections":{', '"collections":{"constructor":{"prototype":{"polluted":"yes"}},'),
      text.replace(/"customers":\[\{/, '"customers":[{"__proto__":{"polluted":"yes"},'),
    ]
    for (const body of hostile) {
      await refused(body, /__proto__|constructor/)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    }
    // Stored data still works: creates and lists, and a reset.
    expect((await fetch(`${server.url}/__mockdesk/reset`, { method: 'POST', headers: control })).status).toBe(200)
  })

  it('refuses deep nesting and junk with a kit error, never a 500', async () => {
    await refused('['.repeat(100_000), /nests deeper/)
    await refused(`{"seed":1,"stores":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`, /nests deeper/)
    await refused('{not json', /not valid JSON/)
    await refused('[]', /not a mockdesk snapshot/)
    await refused({ seed: 1, stores: { toptickets: 'x' } }, /holds toptickets, but/)
    const missing = copy()
    missing.stores.toptickets = 'nothing'
    await refused(missing, /stores\.toptickets must be an object/)
    const records = copy()
    records.stores.toptickets.collections.customers = { 0: {} }
    await refused(records, /customers must be an array of records/)
    const unknown = copy()
    unknown.stores.toptickets.collections.admins = []
    await refused(unknown, /"admins", a collection this store does not have/)
  })

  it('still loads a good snapshot, and later creates get fresh ids', async () => {
    const reply = await load(JSON.stringify(good))
    expect(reply.status).toBe(200)
    const key = (await import('../../fixtures/billingplatform/keys.json')).default[0]!.key
    const list = await fetch(`${server.baseUrls.billingplatform}/tickets`, { headers: { authorization: `Bearer ${key}` } })
    expect(list.status).toBe(200)
  })
})
