import { describe, expect, it } from 'vitest'
import keys from '../../../fixtures/billingplatform/keys.json'
import { describeHosts } from '../../support/hosts.ts'

const auth = { authorization: `Bearer ${keys[0]!.key}` }
const seeded = 40

interface Customer {
  id: number
  accountNumber: string
  CRMReference: string | null
  dropped: boolean
  finalBill: boolean
  droppedDate: string | null
  reinstatedDate: string | null
}

const ids = (customers: Customer[]) => customers.map((customer) => customer.id)

describeHosts('billingplatform', (host) => {
  const everyone = async (): Promise<Customer[]> => (await host.request('GET', '/customers/', { headers: auth })).body

  describe('list customers', () => {
    it('returns every customer as a bare array in ascending id order, the docs sample among them', async () => {
      const customers = await everyone()
      expect(customers).toHaveLength(seeded)
      expect(ids(customers)).toEqual(Array.from({ length: seeded }, (_, i) => 101 + i))
      expect(customers.find((c) => c.id === 123)).toMatchObject({ accountNumber: 'C12345', CRMReference: 'CRM-12345' })
      expect(new Set(customers.map((c) => c.accountNumber)).size).toBe(seeded)
    })

    it.each([
      ['accountNumber=C12345', [123]],
      ['CRMReference=CRM-12345', [123]],
      ['accountNumber=C12345&CRMReference=CRM-12345', [123]],
      ['accountNumber=C12345&active=true', [123]],
      ['accountNumber=C12345&dropped=true', []],
      ['accountNumber=C00000', []],
      ['CRMReference=CRM-00000', []],
      ['CRMReference=', []],
    ])('searches by exact, unique reference: %s → %j', async (query, expected) => {
      const reply = await host.request('GET', `/customers/?${query}`, { headers: auth })
      expect(reply.status).toBe(200)
      expect(ids(reply.body)).toEqual(expected)
    })

    it('needs both searches to name the same customer when both are given', async () => {
      const other = (await everyone()).find((c) => c.id !== 123 && c.CRMReference)!
      const reply = await host.request('GET', `/customers/?accountNumber=C12345&CRMReference=${other.CRMReference}`, { headers: auth })
      expect(reply.body).toEqual([])
      const own = await host.request('GET', `/customers/?accountNumber=${other.accountNumber}&CRMReference=${other.CRMReference}`, { headers: auth })
      expect(ids(own.body)).toEqual([other.id])
    })

    it.each([
      ['dropped=true', (c: Customer) => c.dropped],
      ['active=true', (c: Customer) => !c.dropped],
      ['finalBill=true', (c: Customer) => c.finalBill],
      ['excludeFinalBill=true', (c: Customer) => !c.finalBill],
      ['dropped=true&excludeFinalBill=true', (c: Customer) => c.dropped && !c.finalBill],
      ['droppedSince=2024-10-01', (c: Customer) => c.droppedDate !== null && c.droppedDate >= '2024-10-01 00:00:00'],
      ['reinstatedSince=2024-01-01T00:00:00Z', (c: Customer) => c.reinstatedDate !== null],
      ['dropped=false', () => true],
      ['numberActive=true&serviceActive=true&featureActive=true', () => true],
    ])('filters with %s', async (query, keep) => {
      const all = await everyone()
      const expected = ids(all.filter(keep))
      expect(expected.length).toBeGreaterThan(0)
      const reply = await host.request('GET', `/customers/?${query}`, { headers: auth })
      expect(ids(reply.body)).toEqual(expected)
    })

    it('has seeded data for every flag: dropped, final bill, reinstated and active customers', async () => {
      const all = await everyone()
      expect(all.some((c) => c.dropped && c.finalBill)).toBe(true)
      expect(all.some((c) => c.dropped && !c.finalBill)).toBe(true)
      expect(all.some((c) => !c.dropped && c.reinstatedDate)).toBe(true)
      expect(all.filter((c) => !c.dropped).length).toBeGreaterThan(all.length / 2)
    })

    it.each([
      ['dropped=yes', 'dropped', 'true or false'],
      ['droppedSince=last%20week', 'droppedSince', 'a date or date-time'],
      ['reinstatedSince=2025-04-31', 'reinstatedSince', 'a date or date-time'],
    ])('rejects %s with a Yii 400', async (query, name, expected) => {
      const reply = await host.request('GET', `/customers/?${query}`, { headers: auth })
      expect(reply.status).toBe(400)
      expect(reply.body.message).toContain(`parameter "${name}": expected ${expected}`)
    })
  })

  describe('get customer', () => {
    it('returns the docs sample customer by id', async () => {
      const reply = await host.request('GET', '/customers/123', { headers: auth })
      expect(reply.status).toBe(200)
      expect(reply.body).toMatchObject({ id: 123, accountNumber: 'C12345', CRMReference: 'CRM-12345', email: 'accounts@harrowfinch.co.uk' })
    })

    it('accepts the expansion filters and answers 404 for unknown and non-numeric ids', async () => {
      expect((await host.request('GET', '/customers/123?numberActive=true', { headers: auth })).status).toBe(200)
      expect((await host.request('GET', '/customers/100', { headers: auth })).body.message).toBe('Object not found: 100')
      expect((await host.request('GET', '/customers/C12345', { headers: auth })).body.message).toBe('Page not found.')
    })
  })
})
