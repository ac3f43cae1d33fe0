import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import api from '../../../src/apis/toptickets/index.ts'
import { roleOf, apiKeys } from '../../../src/apis/toptickets/auth.ts'
import locations from '../../../fixtures/toptickets/locations.json'

const dump = async (seed: number, count?: number) => JSON.stringify((await api.createStore({ seed, count })).customers.all())

describe('toptickets seed', () => {
  it('gives byte-identical data for the same seed, and different data for another', async () => {
    const [a, b, c] = await Promise.all([dump(7), dump(7), dump(8)])
    expect(a).toBe(b)
    expect(a).not.toBe(c)
  })

  it('keeps the very bytes it gave before its generation was made cheaper (a deliberate data change updates these digests)', async () => {
    const digest = async (seed: number, count: number) => createHash('sha256').update(await dump(seed, count)).digest('hex')
    expect(await digest(42, 150)).toBe('65353e57cdab3dee35f1113d947a252c0d3fee682f64fa13570ace953ac2bba2')
    expect(await digest(42, 5000)).toBe('90ddbd5dcbf109ddb69200b226a6b2263be882d6d1fe507e38251c893ee32aa4')
  })

  it('seeds the documented default of 150 customers, the docs samples first', async () => {
    const { customers } = await api.createStore({ seed: 42 })
    expect(customers.count()).toBe(150)
    expect(customers.all().slice(0, 2).map((c) => c.name)).toEqual(['John Doe', 'Jane Smith'])
  })

  it('seeds plausible customers: consistent locations, names in emails, money as strings, ordered timestamps', async () => {
    const { customers } = await api.createStore({ seed: 3, count: 500 })
    const records = customers.all().slice(2)
    const emails = new Set<string>()
    for (const c of records) {
      const place = locations.find((l) => l.city === c.location_city)
      expect(place, c.location_city ?? 'no city').toBeDefined()
      expect([c.location_country, c.location_state, c.region, c.timezone]).toEqual([place!.country, place!.state, place!.region, place!.timezone])
      const [first, last] = c.name.toLowerCase().normalize('NFKD').replace(/[^\x00-\x7f]/g, '').split(' ')
      expect(c.email.startsWith(`${first!.replace(/[^a-z0-9]/g, '')}.${last!.replace(/[^a-z0-9]/g, '')}`)).toBe(true)
      expect(c.account_value).toMatch(/^\d+\.\d{2}$/)
      expect(c.updated_at >= c.created_at).toBe(true)
      emails.add(c.email.toLowerCase())
    }
    expect(emails.size).toBe(records.length)
    const created = records.map((c) => c.created_at)
    expect(created).toEqual([...created].sort())
  })

  it('refuses a record that breaks the spec schema, because the collection validates with it', async () => {
    const { customers } = await api.createStore({ seed: 1, count: 0 })
    const valid = (await api.createStore({ seed: 1, count: 3 })).customers.all()[2]!
    await expect(customers.create({ ...valid, account_value: '12.5' })).rejects.toThrow(/does not match the schema/)
    await expect(customers.create({ ...valid, region: 'mars' as never })).rejects.toThrow()
    await customers.create(valid)
    expect(customers.count()).toBe(1)
  }, 30_000)

  it('gives every fixture key the role its prefix documents', () => {
    for (const entry of apiKeys) expect(roleOf(entry.key)?.role).toBe(entry.role)
  })
})
