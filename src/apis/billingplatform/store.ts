/**
 * The billingplatform.uk store: customers and tickets, each a collection checked
 * against the spec's schemas and indexed by id. Customers are also indexed by their unique
 * account number and CRM reference, the two exact-match searches the docs describe. Ids are
 * integers that only grow, so insertion order is ascending id order, the order lists are served in.
 */
import { IndexedCollection } from '../../core/indexed-collection.ts'
import { standardSchema } from '../../core/json-schema.ts'
import { createFaker } from '../../core/seeded-faker.ts'
import type { StoreOptions } from '../../core/define-api.ts'
import document from '../../generated/billingplatform-document.ts'
import type { components } from '../../generated/billingplatform.ts'
import { withPresets } from './presets.ts'
import { firstTicketId, seedCustomers, seedTickets } from './seed.ts'

export type Customer = components['schemas']['Customer']
export type Ticket = components['schemas']['Ticket']
/** A ticket as stored: its fields plus the last-updated time `updatedSince` reads. */
export type TicketRecord = components['schemas']['TicketRecord']

/** Tickets are the primary records: `count` (and `--count`) sets how many are seeded. */
export const defaultTicketCount = 250
export const customerCount = 40

const schemas = document.components!.schemas!

export async function createStore({ seed, count = defaultTicketCount }: StoreOptions) {
  const faker = createFaker(seed)
  const customers = new IndexedCollection<Customer>({
    schema: standardSchema<Customer>(schemas.Customer!, 'Customer'),
    key: (customer) => customer.id,
    unique: {
      accountNumber: (customer) => customer.accountNumber,
      // Customers without a CRM reference share no key: index them under their own id instead.
      CRMReference: (customer) => customer.CRMReference ?? `no CRM reference: ${customer.id}`,
    },
  })
  const tickets = new IndexedCollection<TicketRecord>({
    schema: withPresets(standardSchema<TicketRecord>(schemas.TicketRecord!, 'TicketRecord')),
    key: (ticket) => ticket.id,
  })
  const seededCustomers = seedCustomers(faker, customerCount)
  await customers.createMany(seededCustomers)
  const seededTickets = seedTickets(faker, count, seededCustomers)
  await tickets.createMany(seededTickets)
  // Like an auto-increment column: a deleted id is never given out again.
  const sequence = { ticket: (seededTickets.at(-1)?.id ?? firstTicketId - 1) + 1 }
  return { customers, tickets, sequence, faker }
}

export type Store = Awaited<ReturnType<typeof createStore>>

/** A stored ticket as the API answers it: without the internal last-updated time. */
export function toTicket({ lastUpdated: _, ...ticket }: TicketRecord): Ticket {
  return ticket
}
