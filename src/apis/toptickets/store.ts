/**
 * The TopTickets store: one collection of customers whose records are checked against
 * the spec's `Customer` schema, indexed by id and by (case-insensitive) email, which is unique.
 */
import { IndexedCollection } from '../../core/indexed-collection.ts'
import { standardSchema } from '../../core/json-schema.ts'
import { createFaker } from '../../core/seeded-faker.ts'
import { isoSeconds } from '../../core/iso-time.ts'
import type { StoreOptions } from '../../core/define-api.ts'
import document from '../../generated/toptickets-document.ts'
import type { components } from '../../generated/toptickets.ts'
import { seedCustomers } from './seed.ts'

export type Customer = components['schemas']['Customer']

export const defaultCustomerCount = 150

export async function createStore({ seed, count = defaultCustomerCount }: StoreOptions) {
  const faker = createFaker(seed)
  const customers = new IndexedCollection<Customer>({
    schema: standardSchema<Customer>(document.components!.schemas!.Customer!, 'Customer'),
    key: (customer) => customer.id,
    unique: { email: (customer) => customer.email.toLowerCase() },
  })
  // Generated records, valid by construction (seed.test.ts checks samples against the schema).
  // The email index itself tells the generator which emails are taken.
  const emailsInUse = { has: (email: string) => customers.findUnique('email', email) !== undefined }
  await customers.createMany(seedCustomers(faker, count, emailsInUse), { generated: true })
  // The same faker keeps going after the seed, so ids of created records are reproducible too.
  return { customers, faker }
}

export type Store = Awaited<ReturnType<typeof createStore>>

/** Timestamps as the docs show them: UTC, whole seconds, `Z`. */
export function timestamp(date?: Date): string {
  return isoSeconds(date?.getTime() ?? Date.now())
}
