/**
 * Plausible data for a UK telecom billing platform from a seeded Faker. Customers are businesses
 * with unique account numbers and CRM references; some have been dropped (a few awaiting their
 * final bill) and some reinstated. Tickets are raised by customers while they are with the
 * platform, in id order = creation order; their status follows their age, their owner and
 * follow-up dates follow their status, their priority and team follow their type's presets, and
 * `lastUpdated` never precedes `createdDate`. The docs' sample customer (123, C12345, CRM-12345)
 * is pinned, so the docs' curl examples work against the mock.
 */
import type { Faker } from '@faker-js/faker'
import docSamples from '../../../fixtures/billingplatform/customers.json'
import texts from '../../../fixtures/billingplatform/ticket-texts.json'
import { referenceDate } from '../../core/seeded-faker.ts'
import { formatTimestamp, timestampMs } from './dates.ts'
import { departments, owners, priorities, suppliers, ticketType, type TicketStatus, type TicketTypeName } from './presets.ts'
import type { Customer, TicketRecord } from './store.ts'
import { slug } from '../../core/slug.ts'

const firstCustomerId = 101
export const firstTicketId = 1001
const day = 86_400_000
const now = Date.parse(referenceDate)

const businessSuffixes = ['Ltd', 'Ltd', 'Ltd', '& Sons Ltd', 'Group plc', 'LLP', 'Associates', 'Solutions Ltd', 'Trading Ltd', 'Partners']
const mailboxes = ['accounts', 'accounts', 'office', 'admin', 'info', 'billing']

function businessName(faker: Faker): string {
  const names = faker.helpers.maybe(() => `${faker.person.lastName()} & ${faker.person.lastName()}`, { probability: 0.35 }) ?? faker.person.lastName()
  return `${names} ${faker.helpers.arrayElement(businessSuffixes)}`
}

function uniqueCode(faker: Faker, prefix: string, taken: Set<string>): string {
  let code: string
  do code = `${prefix}${faker.number.int({ min: 10000, max: 99999 })}`
  while (taken.has(code))
  taken.add(code)
  return code
}

/** `count` customers with ids from 101, created in id order; the docs' sample keeps its id. */
export function seedCustomers(faker: Faker, count: number): Customer[] {
  const pinned = new Map(docSamples.map((sample) => [sample.id, sample]))
  const takenAccounts = new Set(docSamples.map((sample) => sample.accountNumber))
  const takenReferences = new Set(docSamples.map((sample) => sample.CRMReference))
  const created = faker.date
    .betweens({ from: '2019-01-01T00:00:00Z', to: '2023-12-31T00:00:00Z', count })
    .sort((a, b) => a.getTime() - b.getTime())

  return created.map((createdAt, index) => {
    const id = firstCustomerId + index
    const name = businessName(faker)
    const domain = `${slug(name.replace(/ (Ltd|plc|LLP|Associates|Solutions|Trading|Partners)\b.*$/, ''))}.co.uk`
    const generated = {
      accountNumber: uniqueCode(faker, 'C', takenAccounts),
      CRMReference: faker.helpers.maybe(() => uniqueCode(faker, 'CRM-', takenReferences), { probability: 0.7 }) ?? null,
      name,
      email: `${faker.helpers.arrayElement(mailboxes)}@${domain}`,
    }
    const history = faker.helpers.weightedArrayElement([
      { weight: 18, value: 'dropped' as const },
      { weight: 8, value: 'reinstated' as const },
      { weight: 74, value: 'active' as const },
    ])
    const sample = pinned.get(id)
    const state = sample ? 'active' : history
    const droppedAt = state === 'active' ? undefined : faker.date.between({ from: '2024-03-01T00:00:00Z', to: '2025-04-01T00:00:00Z' })
    const reinstatedAt = state === 'reinstated' ? faker.date.between({ from: droppedAt!, to: referenceDate }) : undefined
    return {
      id,
      ...(sample ?? generated),
      createdDate: formatTimestamp(createdAt),
      dropped: state === 'dropped',
      droppedDate: droppedAt ? formatTimestamp(droppedAt) : null,
      reinstatedDate: reinstatedAt ? formatTimestamp(reinstatedAt) : null,
      finalBill: state === 'dropped' && faker.datatype.boolean({ probability: 0.4 }),
    }
  })
}

const typeWeights = [
  { weight: 45, value: 'technical support' as const },
  { weight: 35, value: 'billing' as const },
  { weight: 20, value: 'sales' as const },
]

/** Old tickets are mostly finished; recent ones are still being worked on. */
function statusFor(faker: Faker, ageDays: number): TicketStatus {
  if (ageDays > 45 && faker.datatype.boolean({ probability: 0.9 })) return faker.helpers.arrayElement(['resolved', 'closed', 'closed'])
  return faker.helpers.weightedArrayElement([
    { weight: 3, value: 'open' as const },
    { weight: 2, value: 'assigned' as const },
    { weight: 3, value: 'in progress' as const },
    { weight: 2, value: 'awaiting customer' as const },
    { weight: 2, value: 'resolved' as const },
  ])
}

const later = (faker: Faker, from: number, minDays: number, maxDays: number) =>
  new Date(from + faker.number.int({ min: minDays * day, max: maxDays * day }))

/** The customer a ticket raised at `at` belongs to: one with the platform at that time. */
function customerAt(faker: Faker, customers: readonly Customer[], at: number): Customer {
  const current = customers.filter((c) => timestampMs(c.createdDate) <= at && (!c.dropped || timestampMs(c.droppedDate!) >= at))
  return faker.helpers.arrayElement(current.length > 0 ? current : customers)
}

/** `count` tickets with ids from 1001 in creation order, spread over the 17 months before the reference date. */
export function seedTickets(faker: Faker, count: number, customers: readonly Customer[]): TicketRecord[] {
  if (customers.length === 0) return []
  const created = faker.date
    .betweens({ from: '2024-01-01T00:00:00Z', to: new Date(now - day), count })
    .map((date) => Math.floor(date.getTime() / 1000) * 1000)
    .sort((a, b) => a - b)

  return created.map((at, index) => {
    const customer = customerAt(faker, customers, at)
    const type = faker.helpers.weightedArrayElement(typeWeights)
    const preset = ticketType(type)
    const text = faker.helpers.arrayElement(texts[type])
    const status = statusFor(faker, (now - at) / day)
    const finished = status === 'resolved' || status === 'closed'
    const owner = status === 'open' && faker.datatype.boolean({ probability: 0.8 }) ? null : faker.helpers.arrayElement(owners)
    const helpers = owner ? faker.helpers.arrayElements(owners.filter((o) => o !== owner), { min: 0, max: 2 }) : []
    const team = faker.helpers.maybe(() => [preset.team, faker.helpers.arrayElement(departments.filter((d) => d !== preset.team))], { probability: 0.15 }) ?? [preset.team]
    const lastUpdated = finished
      ? new Date(Math.min(later(faker, at, 1, 20).getTime(), now))
      : status === 'open'
        ? new Date(at)
        : faker.date.between({ from: at, to: now })
    const contactName = faker.person.firstName()
    const email = faker.helpers.maybe(() => `${slug(contactName)}@${customer.email.split('@')[1]}`, { probability: 0.15 }) ?? customer.email

    return {
      id: firstTicketId + index,
      customerID: customer.id,
      ticketType: type,
      status,
      ticketPriority: faker.datatype.boolean({ probability: 0.7 }) ? preset.initialPriority : faker.helpers.arrayElement(priorities),
      customerEmail: email,
      subject: text.subject,
      ticketContent: text.content,
      owner,
      users: owner && helpers.length > 0 ? [owner, ...helpers].join(', ') : null,
      departments: team.join(', '),
      ticketSuppliers:
        type === 'technical support' ? (faker.helpers.maybe(() => faker.helpers.arrayElement(suppliers), { probability: 0.4 }) ?? null) : null,
      createdDate: formatTimestamp(new Date(at)),
      ticketFollowupDate:
        status === 'awaiting customer' || (!finished && faker.datatype.boolean({ probability: 0.2 }))
          ? formatTimestamp(later(faker, lastUpdated.getTime(), 2, 7))
          : null,
      ticketActionRequiredDate:
        !finished && status !== 'awaiting customer' && faker.datatype.boolean({ probability: 0.3 })
          ? formatTimestamp(later(faker, at, 1, 5))
          : null,
      lastUpdated: formatTimestamp(lastUpdated),
    }
  })
}
