import { describe, expect, it } from 'vitest'
import api from '../../../src/apis/omnidesk/index.ts'
import { apiKeys } from '../../../src/apis/omnidesk/auth.ts'
import document from '../../../src/generated/omnidesk-document.ts'

const dump = async (seed: number, count?: number) => {
  const { brands, customers, tickets, events } = await api.createStore({ seed, count })
  return JSON.stringify([brands.all(), customers.all(), tickets.all(), events.all()])
}
const naive = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/
const namePattern = new RegExp(String(document.components!.schemas!.Name!.pattern), 'u')

describe('omnidesk seed', () => {
  it('gives byte-identical data for the same seed, and different data for another', async () => {
    const [a, b, c] = await Promise.all([dump(7), dump(7), dump(8)])
    expect(a).toBe(b)
    expect(a).not.toBe(c)
  })

  it('seeds the documented defaults: 3 brands, 150 customers, the docs customer and ticket first', async () => {
    const store = await api.createStore({ seed: 42 })
    expect(api.defaultCount).toBe(150)
    expect(api.counts(store)).toMatchObject({ brands: 3, customers: 150 })
    expect(store.customers.all()[0]).toMatchObject({ id: 626822, firstname: 'Thomas', brand_name: 'MyBrand', external_primary_id: '42342345345' })
    expect(store.tickets.all()[0]).toMatchObject({ id: 858462, customer_id: 626822, title: 'vraag van Thomas' })
    expect(store.tickets.count()).toBeGreaterThan(100)
    expect(store.events.count()).toBeGreaterThan(100)
  })

  it('seeds a consistent account: unique ids, primary ids and addresses per brand, tickets from their customer, dates in order', async () => {
    const store = await api.createStore({ seed: 3, count: 400 })
    const customers = store.customers.all()
    const ids = customers.map((c) => c.id)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    const channelIds = customers.flatMap((c) => c.channels.map((ch) => ch.id))
    expect(new Set(channelIds).size).toBe(channelIds.length)
    const perBrand = new Set<string>()
    for (const c of customers) {
      expect(c.brand_name).toBe(store.brands.get(c.brand_id)!.name)
      expect(c.firstname).toMatch(namePattern)
      expect(c.lastname).toMatch(namePattern)
      expect(c.created_at).toMatch(naive)
      expect(c.updated_at >= c.created_at).toBe(true)
      if (c.external_primary_id === null) expect(store.brands.get(c.brand_id)!.customer_search_by_channels).toBe(true)
      for (const key of [c.external_primary_id && `#${c.external_primary_id}`, ...c.channels.map((ch) => ch.address.toLowerCase())]) {
        if (!key) continue
        expect(perBrand.has(`${c.brand_id}|${key}`), `${c.brand_id}|${key}`).toBe(false)
        perBrand.add(`${c.brand_id}|${key}`)
      }
    }
    for (const t of store.tickets.all()) {
      expect(t.last_update >= t.created_at).toBe(true)
      if (t.customer_id === null) continue
      const owner = store.customers.get(t.customer_id)!
      expect(owner.brand_id).toBe(t.brand_id)
      expect(owner.channels.map((ch) => ch.address)).toContain(t.from)
      expect(t.created_at >= owner.created_at).toBe(true)
    }
    for (const e of store.events.all()) {
      const owner = store.customers.get(e.customer_id)!
      expect(owner.external_primary_id).not.toBeNull()
      expect(e.created_at >= owner.created_at).toBe(true)
    }
    expect(store.tickets.all().some((t) => t.customer_id === null)).toBe(true)
  }, 30_000)

  it('refuses a record that breaks the spec schema, because the collections validate with it', async () => {
    const { customers } = await api.createStore({ seed: 1, count: 0 })
    const valid = (await api.createStore({ seed: 1, count: 3 })).customers.all()[2]!
    await expect(customers.create({ ...valid, created_at: '2025-01-01T00:00:00Z' })).rejects.toThrow(/does not match the schema/)
    await expect(customers.create({ ...valid, channels: [{ id: 1, channel_id: 1, channel_name: 'fax' as never, address: 'x' }] })).rejects.toThrow()
    await expect(customers.create({ ...valid, id: 'abc' as never })).rejects.toThrow()
    await customers.create(valid)
    expect(customers.count()).toBe(1)
  }, 30_000)

  it('gives every fixture key its permissions, with one read-only key', () => {
    for (const entry of apiKeys) expect(entry.permissions.length).toBeGreaterThan(0)
    expect(apiKeys.filter((k) => k.permissions.join() === 'CUSTOMER_READ')).toHaveLength(1)
  })
})
