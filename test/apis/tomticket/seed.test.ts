import { describe, expect, it } from 'vitest'
import api from '../../../src/apis/tomticket/index.ts'
import { slug } from '../../../src/apis/tomticket/seed.ts'

const dump = async (seed: number, count?: number) => {
  const store = await api.createStore({ seed, count })
  return JSON.stringify([store.customers.all(), store.organizations.all(), store.blacklist.all()])
}

/** The CPF check digits, computed independently of the seed's own generator. */
function validCpf(text: string): boolean {
  const digits = text.replace(/\D/g, '').split('').map(Number)
  if (digits.length !== 11) return false
  const check = (length: number) => {
    const sum = digits.slice(0, length).reduce((total, digit, i) => total + digit * (length + 1 - i), 0)
    return ((sum * 10) % 11) % 10
  }
  return check(9) === digits[9] && check(10) === digits[10]
}

describe('tomticket seed', () => {
  it('gives byte-identical data for the same seed, and different data for another', async () => {
    const [a, b, c] = await Promise.all([dump(7), dump(7), dump(8)])
    expect(a).toBe(b)
    expect(a).not.toBe(c)
  })

  it('seeds the documented default of 120 customers, the demo records first', async () => {
    const store = await api.createStore({ seed: 42 })
    expect(store.customers.count()).toBe(120)
    expect(store.customers.all().slice(0, 4).map((c) => c.name)).toEqual(['Mariana Costa', 'Rafael Almeida', 'Juliana Ferreira', 'Pedro Henrique Lima'])
    expect(api.counts(store)).toEqual({ customers: 120, organizations: 23 })
  })

  it('seeds plausible, consistent customers and organizations', async () => {
    const store = await api.createStore({ seed: 3, count: 600 })
    const organizations = store.organizations.all()
    const customers = store.customers.all().slice(4)

    // Parents have no parent themselves; some organizations of each kind are inactive.
    for (const organization of organizations) {
      if (organization.parent_id) expect(store.organizations.get(organization.parent_id)!.parent_id).toBeNull()
    }
    expect(organizations.some((o) => o.parent_id && store.organizations.get(o.parent_id)!.active === false)).toBe(true)
    expect(organizations.some((o) => !o.active)).toBe(true)

    const emails = new Set<string>()
    const internalIds = new Set<string>()
    for (const customer of customers) {
      expect(customer.email ?? customer.internal_id, 'every customer can be looked up').not.toBeNull()
      if (customer.email) emails.add(customer.email.toLowerCase())
      if (customer.internal_id) internalIds.add(customer.internal_id)
      if (customer.internal_id && !customer.internal_id.startsWith('CLI-')) expect(validCpf(customer.internal_id), customer.internal_id).toBe(true)
      // first.last@domain, with a number when the address was taken
      if (customer.email) expect(customer.email.split('@')[0]!.replace(/\d+$/, '').replace('.', '')).toBe(slug(customer.name))
      if (customer.organization_id && customer.email) {
        expect(customer.email.endsWith(`@${slug(store.organizations.get(customer.organization_id)!.name)}.com.br`)).toBe(true)
      }
      if (!customer.email) expect(customer.email_validated).toBe(false)
      for (const id of Object.keys(customer.custom_fields)) expect(store.customFields.get(id)).toBeDefined()
    }
    expect(emails.size).toBe(customers.filter((c) => c.email).length)
    expect(internalIds.size).toBe(customers.filter((c) => c.internal_id).length)
    expect(customers.some((c) => c.internal_id === null)).toBe(true)
    expect(customers.some((c) => c.email === null)).toBe(true)
    // Some customers' own addresses are blacklisted.
    expect(store.blacklist.all().some((entry) => store.customers.findUnique('email', entry.email))).toBe(true)
  }, 30_000)

  it('refuses a record that breaks the spec schema, because the collection validates with it', async () => {
    const empty = await api.createStore({ seed: 1, count: 0 })
    const valid = (await api.createStore({ seed: 1, count: 5 })).customers.all()[4]!
    await expect(empty.customers.create({ ...valid, id: 'not-hex' })).rejects.toThrow()
    await expect(empty.customers.create({ ...valid, phone: '9'.repeat(21) })).rejects.toThrow()
    await expect(empty.customers.create({ ...valid, language: 'pt_BR' as never })).rejects.toThrow()
    await empty.customers.create(valid)
    expect(empty.customers.count()).toBe(1)
  }, 30_000)
})
