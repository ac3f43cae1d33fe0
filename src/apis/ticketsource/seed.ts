/**
 * Plausible UK box-office customers from a seeded Faker: common UK names, postcodes from real
 * districts of the customer's town, phone numbers from Ofcom's drama ranges for that town (or
 * mobiles), emails that follow names, titles that fit, memberships with consistent dates, and timestamps in
 * order (`updated_at` null or later than `created_at`; notes after their customer). About half
 * the customers have notes, a few several. The docs' sample customer and note come first, with
 * enough further notes that its notes have a second page, as the docs' sample list shows.
 */
import type { Faker } from '@faker-js/faker'
import docRecords from '../../../fixtures/ticketsource/doc-records.json'
import data from '../../../fixtures/ticketsource/seed-data.json'
import { referenceDate } from '../../core/seeded-faker.ts'
import type { CustomerNoteRecord, CustomerRecord } from './store.ts'
import { recordId, timestamp } from './store.ts'
import { slug } from '../../core/slug.ts'

type Attributes = CustomerRecord['attributes']

const firstCustomerDate = new Date(docRecords.customers[0]!.attributes.created_at)
const inwardLetters = 'ABDEFGHJLNPQRSTUWXYZ' // the letters Royal Mail uses in inward codes
const noteCounts: Array<{ weight: number; value: [min: number, max: number] }> = [
  { weight: 45, value: [0, 0] },
  { weight: 25, value: [1, 1] },
  { weight: 15, value: [2, 2] },
  { weight: 10, value: [3, 4] },
  { weight: 5, value: [5, 8] },
]
/** Notes beyond the docs' own for the docs' customer, so its notes page twice at the default size. */
const sampleCustomerExtraNotes = 11

const isoDate = (date: Date) => date.toISOString().slice(0, 10)

function address(faker: Faker, town: (typeof data.towns)[number]): Attributes['address'] {
  const postcode = `${faker.helpers.arrayElement(town.districts)} ${faker.number.int({ min: 1, max: 9 })}${faker.string.fromCharacters(inwardLetters, 2)}`
  const street = `${faker.helpers.arrayElement(data.streetNames)} ${faker.helpers.arrayElement(data.streetSuffixes)}`
  const number = faker.number.int({ min: 1, max: 140 })
  // Box-office staff and customers fill the four lines differently; these are the common ways.
  const lines = faker.helpers.weightedArrayElement<[string, string, string | null, string | null]>([
    { weight: 5, value: [`${number} ${street}`, town.town, null, null] },
    { weight: 2, value: [`Flat ${faker.number.int({ min: 1, max: 24 })}`, `${number} ${street}`, town.town, null] },
    { weight: 2, value: [faker.helpers.arrayElement(data.houseNames), street, town.town, 'United Kingdom'] },
  ])
  return { line_1: lines[0], line_2: lines[1], line_3: lines[2], line_4: lines[3], postcode }
}

function generateCustomer(faker: Faker, takenEmails: Set<string>): CustomerRecord {
  const sex = faker.helpers.arrayElement(['female', 'male'] as const)
  const firstName = faker.helpers.arrayElement(data.firstNames[sex])
  const lastName = faker.helpers.arrayElement(data.lastNames)
  const town = faker.helpers.arrayElement(data.towns)
  const titles = sex === 'female' ? ['Mrs', 'Ms', 'Miss', 'Dr'] : ['Mr', 'Dr']
  const title = faker.helpers.maybe(() => faker.helpers.arrayElement(titles), { probability: 0.6 }) ?? null

  const domain = faker.helpers.arrayElement(data.emailDomains)
  const local = faker.datatype.boolean() ? `${slug(firstName)}.${slug(lastName)}` : `${slug(firstName)}${slug(lastName)}${faker.number.int({ min: 1, max: 99 })}`
  let email = `${local}@${domain}`
  for (let n = 2; takenEmails.has(email); n++) email = `${local}${n}@${domain}`
  takenEmails.add(email)

  const telephone = faker.helpers.weightedArrayElement<() => string | null>([
    { weight: 6, value: () => faker.helpers.replaceSymbols(data.mobile) },
    { weight: 3, value: () => faker.helpers.replaceSymbols(town.landline) },
    { weight: 1, value: () => null },
  ])()
  const created = faker.date.between({ from: new Date(firstCustomerDate.getTime() + 86_400_000), to: referenceDate })
  const updated = faker.helpers.maybe(() => faker.date.between({ from: created, to: referenceDate }), { probability: 0.55 })
  const memberFrom = faker.helpers.maybe(() => faker.date.between({ from: created, to: referenceDate }), { probability: 0.2 })
  const memberUntil = memberFrom && new Date(Date.UTC(memberFrom.getUTCFullYear() + 1, memberFrom.getUTCMonth(), memberFrom.getUTCDate() - 1))

  return {
    id: recordId(faker, 'cst'),
    type: 'customer',
    attributes: {
      title,
      first_name: firstName,
      last_name: lastName,
      // Online bookers often give no postal address.
      address: faker.helpers.maybe(() => address(faker, town), { probability: 0.85 }) ?? { line_1: null, line_2: null, line_3: null, line_4: null, postcode: null },
      telephone,
      email,
      membership: memberFrom
        ? { identifier: faker.helpers.replaceSymbols('?#####???').toUpperCase(), start_date: isoDate(memberFrom), end_date: isoDate(memberUntil!) }
        : { identifier: null, start_date: null, end_date: null },
      consent: {
        email: faker.datatype.boolean({ probability: 0.65 }),
        post: faker.datatype.boolean({ probability: 0.2 }),
        sms: faker.datatype.boolean({ probability: 0.35 }),
      },
      created_at: timestamp(created),
      updated_at: updated ? timestamp(updated) : null,
    },
  }
}

function generateNote(faker: Faker, customer: CustomerRecord): CustomerNoteRecord {
  const created = faker.date.between({ from: customer.attributes.created_at, to: referenceDate })
  return {
    id: recordId(faker, 'csn'),
    type: 'customer-note',
    customer_id: customer.id,
    attributes: {
      description: faker.helpers.arrayElement(data.noteDescriptions),
      created_by: faker.helpers.arrayElement(data.noteAuthors),
      created_at: timestamp(created),
      updated_at: null,
    },
  }
}

const byCreation = (a: { attributes: { created_at: string } }, b: { attributes: { created_at: string } }) =>
  a.attributes.created_at.localeCompare(b.attributes.created_at)

/** `count` customers (the docs' first, then generated ones by creation) and their notes by creation. */
export function seedRecords(faker: Faker, count: number): { customers: CustomerRecord[]; notes: CustomerNoteRecord[] } {
  const pinned = (docRecords.customers as CustomerRecord[]).slice(0, count).map((record) => structuredClone(record))
  const pinnedIds = new Set(pinned.map((customer) => customer.id))
  const pinnedNotes = (docRecords.notes as CustomerNoteRecord[]).filter((note) => pinnedIds.has(note.customer_id)).map((note) => structuredClone(note))

  const takenEmails = new Set(pinned.map((customer) => customer.attributes.email!))
  const takenIds = new Set([...pinnedIds, ...pinnedNotes.map((note) => note.id)])
  const unique = <T extends { id: string }>(make: () => T): T => {
    for (;;) {
      const record = make()
      if (takenIds.has(record.id)) continue
      takenIds.add(record.id)
      return record
    }
  }

  const generated = Array.from({ length: count - pinned.length }, () => unique(() => generateCustomer(faker, takenEmails))).sort(byCreation)
  const customers = [...pinned, ...generated]
  const notes = customers.flatMap((customer) => {
    const [min, max] = pinnedIds.has(customer.id) ? [sampleCustomerExtraNotes, sampleCustomerExtraNotes] : faker.helpers.weightedArrayElement(noteCounts)
    return Array.from({ length: faker.number.int({ min, max }) }, () => unique(() => generateNote(faker, customer)))
  })
  return { customers, notes: [...pinnedNotes, ...notes.sort(byCreation)] }
}
