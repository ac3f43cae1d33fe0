import { describe, expect, it } from 'vitest'
import api from '../../../src/apis/ticketsource/index.ts'
import docRecords from '../../../fixtures/ticketsource/doc-records.json'
import data from '../../../fixtures/ticketsource/seed-data.json'
import { customerId, noteId, sampleCustomerId, sampleCustomerNotes, seededCustomers, timestamp } from './support.ts'

const dump = async (seed: number, count?: number) => {
  const store = await api.createStore({ seed, count })
  return JSON.stringify([store.customers.all(), store.notes.all()])
}

const slug = (text: string) => text.normalize('NFKD').replace(/[^\x00-\x7f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '')
const pattern = (symbols: string) => new RegExp(`^${symbols.replace(/#/g, '\\d')}$`)

describe('ticketsource seed', () => {
  it('gives byte-identical data for the same seed, and different data for another', async () => {
    const [a, b, c] = await Promise.all([dump(7), dump(7), dump(8)])
    expect(a).toBe(b)
    expect(a).not.toBe(c)
  })

  it('seeds the documented default of 120 customers, the docs customer and its note first', async () => {
    const store = await api.createStore({ seed: 42 })
    expect(store.customers.count()).toBe(seededCustomers)
    expect(store.customers.all()[0]).toEqual(docRecords.customers[0])
    expect(store.notes.all()[0]).toEqual(docRecords.notes[0])
    expect(store.notesOf(sampleCustomerId)).toHaveLength(sampleCustomerNotes)
  })

  it('seeds plausible UK customers: towns, postcodes and phones that agree, names in emails, ordered dates', async () => {
    const store = await api.createStore({ seed: 3, count: 400 })
    const generated = store.customers.all().slice(1)
    const emails = new Set<string>()
    for (const { id, attributes } of generated) {
      // Seeded customers always have names and an email (only a client's create may leave them out).
      const c = { ...attributes, first_name: attributes.first_name!, last_name: attributes.last_name!, email: attributes.email! }
      expect(id).toMatch(customerId)
      expect(data.firstNames.female.includes(c.first_name) || data.firstNames.male.includes(c.first_name)).toBe(true)
      expect(data.lastNames).toContain(c.last_name)
      expect(c.email.startsWith(slug(c.first_name))).toBe(true)
      expect(c.email).toContain(slug(c.last_name))
      emails.add(c.email)

      const lines = [c.address.line_1, c.address.line_2, c.address.line_3, c.address.line_4]
      const town = data.towns.find((t) => lines.includes(t.town))
      if (c.address.postcode === null) expect(lines).toEqual([null, null, null, null])
      else {
        expect(town, JSON.stringify(c.address)).toBeDefined()
        const [district, inward] = c.address.postcode.split(' ')
        expect(town!.districts).toContain(district)
        expect(inward).toMatch(/^\d[ABDEFGHJLNPQRSTUWXYZ]{2}$/)
      }
      if (c.telephone !== null) {
        const landlines = town ? [town.landline] : data.towns.map((t) => t.landline)
        expect([data.mobile, ...landlines].some((symbols) => pattern(symbols).test(c.telephone!)), c.telephone).toBe(true)
      }
      if (c.title === 'Mr') expect(data.firstNames.male).toContain(c.first_name)
      if (['Mrs', 'Ms', 'Miss'].includes(c.title ?? '')) expect(data.firstNames.female).toContain(c.first_name)

      expect(c.created_at).toMatch(timestamp)
      if (c.updated_at !== null) expect(c.updated_at >= c.created_at).toBe(true)
      const { identifier, start_date, end_date } = c.membership
      if (identifier === null) expect([start_date, end_date]).toEqual([null, null])
      else {
        expect(identifier).toMatch(/^[A-Z]\d{5}[A-Z]{3}$/)
        const end = new Date(`${start_date}T00:00:00Z`)
        end.setUTCFullYear(end.getUTCFullYear() + 1)
        end.setUTCDate(end.getUTCDate() - 1)
        expect(end_date).toBe(end.toISOString().slice(0, 10))
        expect(start_date! >= c.created_at.slice(0, 10)).toBe(true)
      }
    }
    expect(emails.size).toBe(generated.length)
    const created = store.customers.all().map((c) => c.attributes.created_at)
    expect(created).toEqual([...created].sort())
    expect(generated.filter((c) => c.attributes.updated_at === null).length).toBeGreaterThan(100)
    expect(generated.filter((c) => c.attributes.membership.identifier !== null).length).toBeGreaterThan(40)
  })

  it('gives about half the customers notes, a few several, each after its customer and never updated', async () => {
    const store = await api.createStore({ seed: 3, count: 400 })
    const counts = store.customers.all().map((c) => store.notesOf(c.id).length)
    expect(counts.filter((n) => n === 0).length).toBeGreaterThan(120)
    expect(counts.filter((n) => n >= 3).length).toBeGreaterThan(20)
    for (const note of store.notes.all().slice(1)) {
      const customer = store.customers.get(note.customer_id)
      expect(customer).toBeDefined()
      expect(note.id).toMatch(noteId)
      expect(note.attributes.created_at >= customer!.attributes.created_at).toBe(true)
      expect(note.attributes.updated_at).toBeNull()
      expect(data.noteDescriptions).toContain(note.attributes.description)
      expect(data.noteAuthors).toContain(note.attributes.created_by)
    }
  })

  it('deletes a customer\'s notes with the customer, and no one else\'s', async () => {
    const store = await api.createStore({ seed: 42 })
    const before = store.notes.count()
    expect(store.deleteCustomer(sampleCustomerId)?.id).toBe(sampleCustomerId)
    expect(store.notes.count()).toBe(before - sampleCustomerNotes)
    expect(store.notesOf(sampleCustomerId)).toEqual([])
    expect(store.deleteCustomer(sampleCustomerId)).toBeUndefined()
    expect(store.notes.all().every((note) => store.customers.get(note.customer_id))).toBe(true)
  })

  it('seeds fewer customers on request, keeping only the notes of those it seeds', async () => {
    const store = await api.createStore({ seed: 42, count: 0 })
    expect([store.customers.count(), store.notes.count()]).toEqual([0, 0])
  })

  it('refuses records that break the spec schema, because the collections validate with it', async () => {
    const store = await api.createStore({ seed: 1, count: 0 })
    const [customer] = (await api.createStore({ seed: 1, count: 2 })).customers.all().slice(1)
    const zulu = { ...customer!.attributes, created_at: '2024-01-01T10:00:00Z' }
    await expect(store.customers.create({ ...customer!, attributes: zulu })).rejects.toThrow()
    await expect(store.customers.create({ ...customer!, id: 'cus-abcdefghij' })).rejects.toThrow()
    await expect(store.customers.create({ ...customer!, type: 'customers' as never })).rejects.toThrow()
    const { customer_id: _, ...orphan } = docRecords.notes[0]!
    await expect(store.notes.create(orphan as never)).rejects.toThrow()
    await store.customers.create(customer!)
    expect(store.customers.count()).toBe(1)
  }, 30_000)

  it('issues fresh ids from the store\'s own faker: reproducible, and never a taken one', async () => {
    const [a, b] = await Promise.all([api.createStore({ seed: 9 }), api.createStore({ seed: 9 })])
    const ids = [a.newId('cst'), a.newId('csn')]
    expect([b.newId('cst'), b.newId('csn')]).toEqual(ids)
    expect(ids[0]).toMatch(customerId)
    expect(ids[1]).toMatch(noteId)
    expect(a.customers.get(ids[0]!)).toBeUndefined()
  })
})
