import { describe, expect, it } from 'vitest'
import api from '../../../src/apis/billingplatform/index.ts'
import { timestampMs } from '../../../src/apis/billingplatform/dates.ts'
import presets from '../../../fixtures/billingplatform/presets.json'
import { presetValues } from '../../../src/apis/billingplatform/presets.ts'

const dump = async (seed: number, count?: number) => {
  const store = await api.createStore({ seed, count })
  return JSON.stringify([store.customers.all(), store.tickets.all()])
}

describe('billingplatform seed', () => {
  it('gives byte-identical data for the same seed, and different data for another', async () => {
    const [a, b, c] = await Promise.all([dump(7), dump(7), dump(8)])
    expect(a).toBe(b)
    expect(a).not.toBe(c)
  })

  it('seeds the documented defaults: 40 customers (ids 101–140, the docs sample 123 pinned) and 250 tickets (ids 1001–1250)', async () => {
    const { customers, tickets, sequence } = await api.createStore({ seed: 42 })
    expect(api.defaultCount).toBe(250)
    expect(customers.count()).toBe(40)
    expect(tickets.count()).toBe(250)
    expect(customers.get(123)).toMatchObject({ accountNumber: 'C12345', CRMReference: 'CRM-12345', dropped: false })
    expect(tickets.all().map((t) => t.id)).toEqual(Array.from({ length: 250 }, (_, i) => 1001 + i))
    expect(sequence.ticket).toBe(1251)
    expect((await api.createStore({ seed: 42, count: 5 })).tickets.count()).toBe(5)
    expect((await api.createStore({ seed: 42, count: 0 })).sequence.ticket).toBe(1001)
  })

  it('seeds plausible tickets: raised while the customer was with the platform, consistent dates, owners and presets', async () => {
    const { customers, tickets } = await api.createStore({ seed: 3, count: 1000 })
    const records = tickets.all()
    const created = records.map((t) => t.createdDate)
    expect(created).toEqual([...created].sort())
    const types = new Map(presets.ticketTypes.map((type) => [type.name, type]))
    for (const t of records) {
      const customer = customers.get(t.customerID)!
      expect(customer, `ticket ${t.id}`).toBeDefined()
      expect(t.createdDate >= customer.createdDate).toBe(true)
      if (customer.dropped) expect(t.createdDate <= customer.droppedDate!).toBe(true)
      expect(t.customerEmail.split('@')[1]).toBe(customer.email.split('@')[1])
      expect(t.lastUpdated >= t.createdDate).toBe(true)
      if (t.status !== 'open') expect(t.owner, `ticket ${t.id} is ${t.status}`).not.toBeNull()
      if (t.status === 'awaiting customer') expect(t.ticketFollowupDate).not.toBeNull()
      if (t.ticketFollowupDate) expect(timestampMs(t.ticketFollowupDate)).toBeGreaterThan(timestampMs(t.createdDate))
      expect(t.departments!.split(', ')[0]).toBe(types.get(t.ticketType)!.team)
      expect(presetValues.status).toContain(t.status)
      expect(presetValues.ticketPriority).toContain(t.ticketPriority)
    }
    const statuses = new Set(records.map((t) => t.status))
    expect([...statuses].sort()).toEqual([...presetValues.status].sort())
    const old = records.filter((t) => t.createdDate < '2025-01-01')
    expect(old.filter((t) => t.status === 'resolved' || t.status === 'closed').length / old.length).toBeGreaterThan(0.8)
  })

  it('seeds plausible customers: unique account numbers and CRM references, dropped after created, reinstated after dropped', async () => {
    const { customers } = await api.createStore({ seed: 5 })
    const all = customers.all()
    expect(new Set(all.map((c) => c.accountNumber)).size).toBe(all.length)
    const references = all.map((c) => c.CRMReference).filter((r) => r !== null)
    expect(new Set(references).size).toBe(references.length)
    for (const c of all) {
      if (c.droppedDate) expect(c.droppedDate > c.createdDate).toBe(true)
      if (c.reinstatedDate) expect(c.reinstatedDate > c.droppedDate!).toBe(true)
      if (c.finalBill) expect(c.dropped).toBe(true)
      expect(c.email).toMatch(/^[a-z]+@[a-z0-9]+\.co\.uk$/)
    }
  })

  it('refuses a record that breaks the spec schema, because the collections validate with it', async () => {
    const { tickets } = await api.createStore({ seed: 1, count: 0 })
    const valid = (await api.createStore({ seed: 1, count: 1 })).tickets.all()[0]!
    await expect(tickets.create({ ...valid, status: 'pending' as never })).rejects.toThrow()
    await expect(tickets.create({ ...valid, createdDate: '2025-01-10T09:00:00Z' })).rejects.toThrow()
    const { lastUpdated: _, ...withoutLastUpdated } = valid
    await expect(tickets.create(withoutLastUpdated as never)).rejects.toThrow()
    await expect(tickets.create({ ...valid, colour: 'red' } as never)).rejects.toThrow()
    await tickets.create(valid)
    expect(tickets.count()).toBe(1)
  }, 30_000)
})
