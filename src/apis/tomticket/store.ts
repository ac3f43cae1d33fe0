/**
 * The TomTicket store: customers, the organizations they belong to (with their parents), the
 * custom fields of the customer form, the portfolios ("carteiras") and the e-mail blacklist.
 * Every collection validates its records with the spec's `*Record` schemas. Customers are found
 * by internal id or by (case-insensitive) e-mail, both unique and both optional.
 */
import { base } from '../../generated/faker-locale-base.ts'
import { en } from '../../generated/faker-locale-en.ts'
import { pt_BR } from '../../generated/faker-locale-pt-br.ts'
import type { StoreOptions } from '../../core/define-api.ts'
import { IndexedCollection } from '../../core/indexed-collection.ts'
import { standardSchema } from '../../core/json-schema.ts'
import { createFaker } from '../../core/seeded-faker.ts'
import document from '../../generated/tomticket-document.ts'
import type { components } from '../../generated/tomticket.ts'
import { seed } from './seed.ts'

type Schemas = components['schemas']
export type CustomerRecord = Schemas['CustomerRecord']
export type OrganizationRecord = Schemas['OrganizationRecord']
export type CustomFieldDefinition = Schemas['CustomFieldDefinition']
export type PortfolioRecord = Schemas['PortfolioRecord']
export type BlacklistRecord = Schemas['BlacklistRecord']
export type CustomerTypeId = Schemas['CustomerTypeId']

/** Enough for three pages of 50. */
export const defaultCustomerCount = 120

const schema = <T>(name: keyof Schemas) => standardSchema<T>(document.components!.schemas![name]!, name)

export const emailKey = (email: string) => email.toLowerCase()

export async function createStore({ seed: seedNumber, count = defaultCustomerCount }: StoreOptions) {
  // Brazilian names, phones and cities: TomTicket is a Brazilian helpdesk.
  const faker = createFaker(seedNumber, [pt_BR, en, base])
  const customers = new IndexedCollection<CustomerRecord>({
    schema: schema('CustomerRecord'),
    key: (customer) => customer.id,
    unique: {
      internal_id: (customer) => customer.internal_id ?? undefined,
      email: (customer) => (customer.email === null ? undefined : emailKey(customer.email)),
    },
  })
  const organizations = new IndexedCollection<OrganizationRecord>({ schema: schema('OrganizationRecord'), key: (o) => o.id })
  const customFields = new IndexedCollection<CustomFieldDefinition>({ schema: schema('CustomFieldDefinition'), key: (f) => f.id })
  const portfolios = new IndexedCollection<PortfolioRecord>({ schema: schema('PortfolioRecord'), key: (p) => p.id })
  const blacklist = new IndexedCollection<BlacklistRecord>({ schema: schema('BlacklistRecord'), key: (b) => emailKey(b.email) })

  const data = seed(faker, count)
  await customFields.createMany(data.customFields)
  await portfolios.createMany(data.portfolios)
  await organizations.createMany(data.organizations)
  await customers.createMany(data.customers)
  await blacklist.createMany(data.blacklist)
  // The same faker keeps going after the seed, so ids of created customers are reproducible too.
  return { customers, organizations, customFields, portfolios, blacklist, faker }
}

export type Store = Awaited<ReturnType<typeof createStore>>

/** The customer `customer_id` names: an internal id (`I`) or an e-mail address (`E`). */
export function findCustomer(store: Store, customerId: string, type: CustomerTypeId = 'I'): CustomerRecord | undefined {
  return type === 'E' ? store.customers.findUnique('email', emailKey(customerId)) : store.customers.findUnique('internal_id', customerId)
}

/** A new TomTicket id: 32 lowercase hex digits, like the ids the API hands out. */
export const newId = (store: Pick<Store, 'faker'>) => store.faker.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' })
