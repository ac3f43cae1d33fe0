/**
 * The TicketSource store: customers, and notes that each belong to one customer. Records are the
 * spec's resource objects without `links` (links are absolute URLs, so they depend on the base
 * URL each request came through); notes also keep the id of their customer. Both collections
 * validate records with schemas derived from the spec's own, so a field added to the spec reaches
 * the store without another edit.
 */
import type { Faker } from '@faker-js/faker'
import type { StoreOptions } from '../../core/define-api.ts'
import { IndexedCollection } from '../../core/indexed-collection.ts'
import { standardSchema } from '../../core/json-schema.ts'
import type { SchemaObject } from '../../core/openapi-document.ts'
import { createFaker } from '../../core/seeded-faker.ts'
import document from '../../generated/ticketsource-document.ts'
import type { components } from '../../generated/ticketsource.ts'
import { seedRecords } from './seed.ts'

type Schemas = components['schemas']
export type Customer = Schemas['Customer']
export type CustomerNote = Schemas['CustomerNote']
export type CustomerRecord = Omit<Customer, 'links'>
export type CustomerNoteRecord = Omit<CustomerNote, 'links'> & { customer_id: string }

/** Enough customers for twelve pages at the default `per_page` of 10. */
export const defaultCustomerCount = 120

/** A resource object's schema without `links`, plus the `extra` properties the store keeps. */
function storedForm(resource: SchemaObject, extra: Record<string, SchemaObject> = {}): SchemaObject {
  const { links: _links, ...properties } = resource.properties as Record<string, SchemaObject>
  const required = (resource.required as string[]).filter((name) => name !== 'links')
  return { ...resource, properties: { ...properties, ...extra }, required: [...required, ...Object.keys(extra)] }
}

const schemas = document.components!.schemas!
// Built once, so the compiled validators are cached across stores.
const customerSchema = standardSchema<CustomerRecord>(storedForm(schemas.Customer!), 'Customer')
const noteSchema = standardSchema<CustomerNoteRecord>(storedForm(schemas.CustomerNote!, { customer_id: schemas.CustomerId! }), 'CustomerNote')

export async function createStore({ seed, count = defaultCustomerCount }: StoreOptions): Promise<Store> {
  const faker = createFaker(seed)
  const customers = new IndexedCollection<CustomerRecord>({ schema: customerSchema, key: (customer) => customer.id })
  const notes = new IndexedCollection<CustomerNoteRecord>({ schema: noteSchema, key: (note) => note.id })
  const seeded = seedRecords(faker, count)
  await customers.createMany(seeded.customers)
  await notes.createMany(seeded.notes)
  return new Store(customers, notes, faker)
}

/**
 * Behaviour lives on the class, not in closures over the collections, so that a world forked
 * from the seeded image (see src/core/image.ts) works on its own collections.
 */
export class Store {
  constructor(
    readonly customers: IndexedCollection<CustomerRecord>,
    readonly notes: IndexedCollection<CustomerNoteRecord>,
    /** The faker that seeded the store: ids of created records are reproducible too. */
    readonly faker: Faker,
  ) {}

  /** A customer's notes, oldest first. */
  notesOf(customerId: string): CustomerNoteRecord[] {
    return this.notes.all().filter((note) => note.customer_id === customerId)
  }

  /** A fresh id from the same faker that seeded the store, so the ids of created records are reproducible too. */
  newId(prefix: 'cst' | 'csn'): string {
    const collection = prefix === 'cst' ? this.customers : this.notes
    for (;;) {
      const id = recordId(this.faker, prefix)
      if (!collection.get(id)) return id
    }
  }

  /** Deletes a customer and, as its foreign key would cascade, every note it has. */
  deleteCustomer(id: string): CustomerRecord | undefined {
    if (!this.customers.get(id)) return undefined
    for (const note of this.notesOf(id)) this.notes.delete(note.id)
    return this.customers.delete(id)
  }
}

/** `cst-` or `csn-` and 10 lowercase alphanumerics, the length of the docs' `cst-xxxxxxxxxx`. */
export function recordId(faker: Faker, prefix: 'cst' | 'csn'): string {
  return `${prefix}-${faker.string.alphanumeric({ length: 10, casing: 'lower' })}`
}

/** Timestamps as the docs show them: UTC, whole seconds, `+00:00` rather than `Z`. */
export function timestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+00:00')
}
