/**
 * Plausible customers from a seeded Faker: emails follow names and companies; city, state, zip,
 * country, region, timezone and phone prefix come from one location; `updated_at >= created_at`.
 * The docs' own sample customers come first, so the ids in the docs work against the mock.
 */
import type { Faker } from '@faker-js/faker'
import docSamples from '../../../fixtures/toptickets/customers.json'
import locations from '../../../fixtures/toptickets/locations.json'
import { referenceDate, uuidOf } from '../../core/seeded-faker.ts'
import type { Customer } from './store.ts'
import { timestamp } from './store.ts'
import { slug } from '../../core/slug.ts'

const departments = ['Engineering', 'Finance', 'Operations', 'Sales', 'Marketing', 'Customer Success', 'IT', 'Legal', 'Procurement', 'Human Resources']
const pronouns = ['he/him', 'she/her', 'they/them']
const noteLines = [
  'Key stakeholder for Q4 renewal.',
  'Prefers email over phone calls.',
  'Evaluating the enterprise plan.',
  'Escalations go to their account manager first.',
  'Asked for a quarterly business review.',
  'Migrating from a legacy helpdesk this year.',
  'Renewal due next quarter; pricing sensitive.',
]
const tierWeights = [
  { weight: 1, value: 'tier_1' as const },
  { weight: 2, value: 'tier_2' as const },
  { weight: 4, value: 'tier_3' as const },
  { weight: 3, value: 'tier_4' as const },
]
const accountRange = { tier_1: [100_000, 900_000], tier_2: [25_000, 100_000], tier_3: [5_000, 25_000], tier_4: [500, 5_000] }

function generateCustomer(faker: Faker, takenEmails: Set<string>): Customer {
  const firstName = faker.person.firstName()
  const lastName = faker.person.lastName()
  const location = faker.helpers.arrayElement(locations)
  const company = faker.helpers.maybe(() => faker.company.name(), { probability: 0.85 }) ?? null
  const domain = company ? `${slug(company)}.com` : faker.helpers.arrayElement(['gmail.com', 'outlook.com', 'proton.me'])
  const local = `${slug(firstName)}.${slug(lastName)}`
  let email = `${local}@${domain}`
  for (let n = 2; takenEmails.has(email); n++) email = `${local}${n}@${domain}`
  takenEmails.add(email)

  const tier = faker.helpers.weightedArrayElement(tierWeights)
  const [min, max] = accountRange[tier]
  const created = faker.date.between({ from: '2023-01-01T00:00:00Z', to: '2025-05-01T00:00:00Z' })
  const updated = faker.helpers.maybe(() => faker.date.between({ from: created, to: referenceDate }), { probability: 0.6 }) ?? created
  const handle = slug(firstName + lastName)

  return {
    id: uuidOf(faker),
    name: `${firstName} ${lastName}`,
    email,
    company,
    department: company ? faker.helpers.arrayElement(departments) : null,
    title: company ? faker.person.jobTitle() : null,
    customer_tier: tier,
    contact_number: faker.helpers.replaceSymbols(location.phone),
    pronoun: faker.helpers.maybe(() => faker.helpers.arrayElement(pronouns), { probability: 0.7 }) ?? null,
    location_country: location.country,
    location_city: location.city,
    location_state: location.state,
    location_zip: faker.helpers.replaceSymbols(location.zip),
    location_address: faker.location.streetAddress(),
    region: location.region as Customer['region'],
    timezone: location.timezone,
    account_value: faker.finance.amount({ min, max, dec: 2 }),
    has_premium_support: tier === 'tier_1' || (tier === 'tier_2' && faker.datatype.boolean()),
    is_vip: tier === 'tier_1' && faker.datatype.boolean({ probability: 0.4 }),
    social_linkedin: faker.helpers.maybe(() => `https://linkedin.com/in/${handle}`, { probability: 0.7 }) ?? null,
    social_website: company ? `https://${domain}` : null,
    social_github: faker.helpers.maybe(() => `https://github.com/${handle}`, { probability: 0.3 }) ?? null,
    notes: faker.helpers.maybe(() => faker.helpers.arrayElement(noteLines), { probability: 0.4 }) ?? null,
    created_at: timestamp(created),
    updated_at: timestamp(updated),
  }
}

/** `count` customers: the docs' samples, then generated ones in order of creation. */
export function* seedCustomers(faker: Faker, count: number): Generator<Customer> {
  const samples = (docSamples as Customer[]).slice(0, count)
  yield* samples.map((sample) => ({ ...sample }))
  const taken = new Set(samples.map((sample) => sample.email))
  const generated = Array.from({ length: count - samples.length }, () => generateCustomer(faker, taken))
  // Timestamps of one format order as plain strings: the same order localeCompare gave, at a
  // fraction of its cost (ICU collation was 4% of seeding 100,000 customers).
  yield* generated.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0))
}
