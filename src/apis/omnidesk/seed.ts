/**
 * A plausible Omnidesk account from a seeded Faker. The docs' own records come first (customer
 * 626822 "Thomas" of brand 2 "MyBrand", with the address and phone number the docs use, and his
 * ticket 858462), so the docs' ids work against the mock. Generated customers belong to one of
 * the fixture brands; their primary ids and channel addresses are unique within their brand; a
 * ticket comes from one of its customer's channels; events and tickets come after the customer
 * was created. Ids count up in order of creation.
 */
import type { Faker } from '@faker-js/faker'
import { nl } from '../../generated/faker-locale-nl.ts'
import brandFixtures from '../../../fixtures/omnidesk/brands.json'
import customFieldNames from '../../../fixtures/omnidesk/custom-fields.json'
import docCustomers from '../../../fixtures/omnidesk/customers.json'
import docTickets from '../../../fixtures/omnidesk/tickets.json'
import { referenceDate } from '../../core/seeded-faker.ts'
import document from '../../generated/omnidesk-document.ts'
import { channelTypes, type ChannelName } from './channels.ts'
import type { Brand, Customer, CustomerChannel, Ticket, TimelineEvent } from './store.ts'
import { omnideskTime } from './time.ts'
import { slug } from '../../core/slug.ts'

const namePattern = new RegExp(String(document.components!.schemas!.Name!.pattern), 'u')
const dutchPrefixes = ['van', 'de', 'van der', 'van den', 'van de', 'ter', 'den']
// Omnidesk is Dutch: most customers get names from Faker's Dutch data, picked by the seeded instance.
const dutchFirstNames = nl.person!.first_name!.generic!
const dutchLastNames = nl.person!.last_name!.generic!
const emailDomains = ['gmail.com', 'outlook.com', 'hotmail.nl', 'ziggo.nl', 'kpnmail.nl', 'icloud.com']
const ticketTitles = [
  'Vraag over mijn bestelling',
  'Where is my order?',
  'Factuur klopt niet',
  'Retour aanmelden',
  'Wijziging adresgegevens',
  'Problem with my invoice',
  'Levering te laat',
  'Meterstand doorgeven',
  'Question about my contract',
  'Opzeggen abonnement',
  'Product defect',
  'Terugbelverzoek',
]
const statuses = [
  { weight: 1, value: 'new' as const },
  { weight: 2, value: 'open' as const },
  { weight: 1, value: 'pending' as const },
  { weight: 4, value: 'solved' as const },
  { weight: 2, value: 'closed' as const },
]
const eventSources = [
  { initiated_by: 'webshop', message: (n: number) => `Order ${n} placed`, path: 'orders' },
  { initiated_by: 'webshop', message: (n: number) => `Order ${n} shipped`, path: 'orders' },
  { initiated_by: 'newsletter', message: (n: number) => `Newsletter ${n} opened`, path: 'campaigns' },
  { initiated_by: 'billing', message: (n: number) => `Invoice ${n} paid`, path: 'invoices' },
]
const customFieldValues: Record<string, (faker: Faker) => string> = {
  testfield: (faker) => faker.lorem.word(),
  loyalty_level: (faker) => faker.helpers.arrayElement(['bronze', 'silver', 'gold']),
  date_of_birth: (faker) => faker.date.birthdate({ mode: 'age', min: 18, max: 85 }).toISOString().slice(0, 10),
  newsletter: (faker) => faker.helpers.arrayElement(['yes', 'no']),
  preferred_language: (faker) => faker.helpers.arrayElement(['nl', 'en', 'de']),
}

/** A name Omnidesk's own pattern accepts (Faker has a few it does not, such as Ł). */
function personName(pick: () => string): string {
  for (;;) {
    const name = pick()
    if (namePattern.test(name)) return name
  }
}

const byCreation = <T extends { created_at: string }>(a: T, b: T) => a.created_at.localeCompare(b.created_at)

const channel = (id: number, name: ChannelName, address: string): CustomerChannel => ({
  id,
  channel_id: channelTypes.find((type) => type.name === name)!.id,
  channel_name: name,
  address,
})

export interface SeededAccount {
  brands: Brand[]
  customers: Customer[]
  tickets: Ticket[]
  events: TimelineEvent[]
}

export function seedAccount(faker: Faker, count: number): SeededAccount {
  const brands = brandFixtures as Brand[]
  const pinned = (docCustomers as Customer[]).slice(0, count).map((c) => structuredClone(c))
  const taken = new Set<string>()
  const claim = (brandId: number, value: string) => {
    const key = `${brandId}|${value.toLowerCase()}`
    if (taken.has(key)) return false
    taken.add(key)
    return true
  }
  for (const c of pinned) {
    if (c.external_primary_id) claim(c.brand_id, `#${c.external_primary_id}`)
    for (const ch of c.channels) claim(c.brand_id, ch.address)
  }

  // Customers first with dates only; ids follow creation order once sorted.
  const drafts = Array.from({ length: Math.max(0, count - pinned.length) }, () => {
    const brand = faker.helpers.arrayElement(brands)
    const dutch = faker.datatype.boolean({ probability: 0.7 })
    const firstname = personName(() => (dutch ? faker.helpers.arrayElement(dutchFirstNames) : faker.person.firstName()))
    const family = personName(() => (dutch ? faker.helpers.arrayElement(dutchLastNames) : faker.person.lastName()))
    const lastname = dutch && !family.includes(' ') && faker.datatype.boolean({ probability: 0.2 }) ? `${faker.helpers.arrayElement(dutchPrefixes)} ${family}` : family
    let primaryId: string | null = null
    if (!brand.customer_search_by_channels || faker.datatype.boolean({ probability: 0.8 })) {
      do primaryId = faker.string.numeric({ length: 8, allowLeadingZeros: false })
      while (!claim(brand.id, `#${primaryId}`))
    }
    const channels: Array<[ChannelName, string]> = []
    const local = `${slug(firstname)}.${slug(lastname)}`
    if (faker.datatype.boolean({ probability: 0.9 })) {
      const domain = faker.helpers.arrayElement(emailDomains)
      let email = `${local}@${domain}`
      for (let n = 2; !claim(brand.id, email); n++) email = `${local}${n}@${domain}`
      channels.push(['email', email])
    }
    if (faker.datatype.boolean({ probability: 0.6 })) {
      let phone: string
      do phone = `+316${faker.string.numeric(8)}`
      while (!claim(brand.id, phone))
      channels.push(['telephone', phone])
    }
    if (faker.datatype.boolean({ probability: 0.1 })) {
      const handle = `${slug(firstname)}_${faker.string.numeric(3)}`
      if (claim(brand.id, handle)) channels.push(['twitter', handle])
    }
    if (faker.datatype.boolean({ probability: 0.1 })) {
      const account = faker.string.numeric({ length: 15, allowLeadingZeros: false })
      if (claim(brand.id, account)) channels.push(['facebook', account])
    }
    const fields = faker.helpers.arrayElements(customFieldNames, { min: 0, max: 3 })
    const created = faker.date.between({ from: '2019-10-01T00:00:00Z', to: '2025-03-01T00:00:00Z' })
    const updated = faker.helpers.maybe(() => faker.date.between({ from: created, to: referenceDate }), { probability: 0.5 }) ?? created
    return {
      brand,
      firstname,
      lastname,
      primaryId,
      channels,
      custom_fields: Object.fromEntries(fields.map((name) => [name, customFieldValues[name]!(faker)])),
      created,
      created_at: omnideskTime(created),
      updated_at: omnideskTime(updated),
    }
  })
  drafts.sort(byCreation)

  let customerId = Math.max(...pinned.map((c) => c.id), 626821)
  let channelId = Math.max(...pinned.flatMap((c) => c.channels.map((ch) => ch.id)), 310000)
  const generated: Customer[] = drafts.map((d) => ({
    // Gaps, as left by customers deleted over the years.
    id: (customerId += faker.number.int({ min: 1, max: 3 })),
    external_primary_id: d.primaryId,
    brand_id: d.brand.id,
    brand_name: d.brand.name,
    firstname: d.firstname,
    lastname: d.lastname,
    channels: d.channels.map(([name, address]) => channel(++channelId, name, address)),
    custom_fields: d.custom_fields,
    created_at: d.created_at,
    updated_at: d.updated_at,
  }))

  // Tickets and events, each after its customer's creation, then numbered in time order.
  const ticketDrafts: Omit<Ticket, 'id'>[] = []
  const eventDrafts: Omit<TimelineEvent, 'id'>[] = []
  generated.forEach((customer, index) => {
    const created = drafts[index]!.created
    for (const [name, address] of faker.helpers.arrayElements(drafts[index]!.channels, { min: 0, max: 2 })) {
      const opened = faker.date.between({ from: created, to: referenceDate })
      const updated = faker.date.between({ from: opened, to: referenceDate })
      ticketDrafts.push({
        brand_id: customer.brand_id,
        customer_id: customer.id,
        title: faker.helpers.arrayElement(ticketTitles),
        status: faker.helpers.weightedArrayElement(statuses),
        channel_name: name,
        from: address,
        created_at: omnideskTime(opened),
        last_update: omnideskTime(updated),
      })
    }
    if (customer.external_primary_id === null) return
    for (let n = faker.number.int({ min: 0, max: 3 }); n > 0; n--) {
      const source = faker.helpers.arrayElement(eventSources)
      const number = faker.number.int({ min: 10000, max: 99999 })
      const domain = slug(customer.brand_name)
      eventDrafts.push({
        type: 'event',
        customer_id: customer.id,
        initiated_by: source.initiated_by,
        message: source.message(number),
        source_url: faker.helpers.maybe(() => `https://${domain}.example/${source.path}/${number}`, { probability: 0.7 }) ?? null,
        created_at: omnideskTime(faker.date.between({ from: created, to: referenceDate })),
      })
    }
  })
  // A few tickets from people who are not customers yet: creating one with that address links them.
  for (let n = Math.ceil(count / 15); n > 0; n--) {
    const brand = faker.helpers.arrayElement(brands)
    const name = `${slug(faker.person.firstName())}.${slug(faker.person.lastName())}`
    const address = `${name}${faker.string.numeric(2)}@${faker.helpers.arrayElement(emailDomains)}`
    if (!claim(brand.id, address)) continue
    const opened = faker.date.between({ from: '2024-01-01T00:00:00Z', to: referenceDate })
    ticketDrafts.push({
      brand_id: brand.id,
      customer_id: null,
      title: faker.helpers.arrayElement(ticketTitles),
      status: faker.helpers.weightedArrayElement(statuses),
      channel_name: 'email',
      from: address,
      created_at: omnideskTime(opened),
      last_update: omnideskTime(opened),
    })
  }

  const pinnedTickets = (docTickets as Ticket[]).filter((t) => t.customer_id === null || pinned.some((c) => c.id === t.customer_id))
  let ticketId = Math.max(...pinnedTickets.map((t) => t.id), 858461)
  let eventId = 4090646
  return {
    brands: brands.map((b) => ({ ...b })),
    customers: [...pinned, ...generated],
    tickets: [...pinnedTickets, ...ticketDrafts.sort(byCreation).map((t) => ({ id: ++ticketId, ...t }))],
    events: eventDrafts.sort(byCreation).map((e) => ({ id: ++eventId, ...e })),
  }
}
