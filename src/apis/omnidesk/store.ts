/**
 * The Omnidesk store: the account's brands, its customers (with their channels and custom
 * fields inside the record, as GET item shows them), their tickets and their timeline events.
 * Every collection validates its records with the spec's own schema.
 */
import type { StoreOptions } from '../../core/define-api.ts'
import { IndexedCollection } from '../../core/indexed-collection.ts'
import { standardSchema } from '../../core/json-schema.ts'
import { createFaker } from '../../core/seeded-faker.ts'
import document from '../../generated/omnidesk-document.ts'
import type { components } from '../../generated/omnidesk.ts'
import { seedAccount } from './seed.ts'

type Schemas = components['schemas']
export type Brand = Schemas['Brand']
export type Customer = Schemas['Customer']
export type CustomerChannel = Schemas['CustomerChannel']
export type Ticket = Schemas['Ticket']
export type TimelineEvent = Schemas['TimelineEvent']

export const defaultCustomerCount = 150

const schemas = document.components!.schemas!

/** Ids count up from the highest seeded one, as database auto-increments do. */
export class Sequence {
  constructor(private last: number) {}
  next(): number {
    return ++this.last
  }
}

const highest = (records: readonly { id: number }[]) => records.reduce((max, record) => Math.max(max, record.id), 0)

export async function createStore({ seed, count = defaultCustomerCount }: StoreOptions) {
  const faker = createFaker(seed)
  const brands = new IndexedCollection<Brand>({ schema: standardSchema<Brand>(schemas.Brand!, 'Brand'), key: (b) => b.id })
  const customers = new IndexedCollection<Customer>({
    schema: standardSchema<Customer>(schemas.Customer!, 'Customer'),
    key: (c) => c.id,
  })
  const tickets = new IndexedCollection<Ticket>({ schema: standardSchema<Ticket>(schemas.Ticket!, 'Ticket'), key: (t) => t.id })
  const events = new IndexedCollection<TimelineEvent>({
    schema: standardSchema<TimelineEvent>(schemas.TimelineEvent!, 'TimelineEvent'),
    key: (e) => e.id,
  })

  const seeded = seedAccount(faker, count)
  await brands.createMany(seeded.brands)
  await customers.createMany(seeded.customers)
  await tickets.createMany(seeded.tickets)
  await events.createMany(seeded.events)

  const ids = {
    customer: new Sequence(highest(customers.all())),
    channel: new Sequence(highest(customers.all().flatMap((c) => c.channels))),
    ticket: new Sequence(highest(tickets.all())),
    event: new Sequence(highest(events.all())),
  }
  return { brands, customers, tickets, events, ids, faker }
}

export type Store = Awaited<ReturnType<typeof createStore>>
