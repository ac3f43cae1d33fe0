/**
 * Plausible customers from a seeded Faker: emails follow names and companies; city, state, zip,
 * country, region, timezone and phone prefix come from one location; `updated_at >= created_at`.
 * The docs' own sample customers come first, so the ids in the docs work against the mock.
 * Customers work for companies: a company (with its domain and website) has several customers.
 *
 * Built for a million customers in seconds. The words come from Faker's English locale (the
 * definitions in src/generated/faker-locale-en.ts) and the numbers from the seeded Faker's own
 * draws (src/core/draws.ts), but no Faker method is called per record: in a profile of seeding
 * 100,000 customers, Faker's template engine (behind street addresses, company names, last names
 * and job titles) was 29% of the time, its per-call option handling much of the rest. Records are
 * lean: one object shape, strings built flat (an `Array#join`, not a template, whose pieces would
 * stay a tree of string fragments), and shared wherever customers share a value (a company's
 * name, domain and website; job titles; a location's fields; small zip codes; timestamps' days
 * and times).
 *
 * Every record this makes matches the spec's `Customer` schema by construction; seed.test.ts
 * checks large samples for several seeds against the schema, which is why the store does not
 * check each seeded record again (store.ts).
 */
import type { Faker } from '@faker-js/faker'
import docSamples from '../../../fixtures/toptickets/customers.json'
import locations from '../../../fixtures/toptickets/locations.json'
import { en } from '../../generated/faker-locale-en.ts'
import { DigitPattern, Draws } from '../../core/draws.ts'
import { referenceDate } from '../../core/seeded-faker.ts'
import { slug } from '../../core/slug.ts'
import type { Customer } from './store.ts'

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
const freeMail = ['@gmail.com', '@outlook.com', '@proton.me']
/** Tiers by weight out of 10, with the range of their account values. */
const tiers = [
  { tier: 'tier_1', upTo: 1, min: 100_000, max: 900_000 },
  { tier: 'tier_2', upTo: 3, min: 25_000, max: 100_000 },
  { tier: 'tier_3', upTo: 7, min: 5_000, max: 25_000 },
  { tier: 'tier_4', upTo: 10, min: 500, max: 5_000 },
] as const

/** Customers per company, on average: the company pool has a fifth as many entries as customers. */
const customersPerCompany = 5

const msPerSecond = 1000
const createdFrom = Date.parse('2023-01-01T00:00:00Z') / msPerSecond
const createdTo = Date.parse('2025-05-01T00:00:00Z') / msPerSecond
const reference = Date.parse(referenceDate) / msPerSecond

/** A word with the slug emails, domains and handles are made of. */
interface Word {
  text: string
  slug: string
}

interface Company {
  name: string
  website: string
  /** `@domain`, the end of its employees' emails. */
  at: string
}

interface Place {
  location: (typeof locations)[number]
  zip: DigitPattern
  phone: DigitPattern
}

const words = (list: readonly string[]): Word[] => list.map((text) => ({ text, slug: slug(text) }))
const definitions = en.person!
const firstNames = words(definitions.first_name!.generic!)
const lastNames = words(definitions.last_name!.generic!)
// Not among the typed fields of Faker's company definitions, but in every locale it has.
const legalEntities = words(en.company!.legal_entity_type as string[])
const streetNames = en.location!.street_name!
const streetSuffixes = en.location!.street_suffix!
const jobDescriptors = definitions.job_descriptor!
const jobAreas = definitions.job_area!
const jobTypes = definitions.job_type!

const buildingNumberFloors = [10_000, 1_000, 100]
// Account values' cents: ".00" to ".99".
const cents = Array.from({ length: 100 }, (_, value) => `.${String(value).padStart(2, '0')}`)
const places: Place[] = locations.map((location) => ({ location, zip: new DigitPattern(location.zip), phone: new DigitPattern(location.phone) }))

// Shared strings, made on first use. Titles: 19,425 combinations of three lists. Timestamps: a
// day's `YYYY-MM-DDT` and a time's `HH:mm:ssZ`, joined by a plain `+` (two shared halves cost
// less than one flat copy of the whole). The caches are allocated at full size: an array filled
// at scattered indexes from empty would turn into a slow dictionary.
const titles: Array<string | undefined> = new Array(jobDescriptors.length * jobAreas.length * jobTypes.length)
const firstDay = Math.floor(createdFrom / 86_400)
const days: Array<string | undefined> = new Array(Math.floor(reference / 86_400) - firstDay + 1)
const times: Array<string | undefined> = new Array(86_400)
const two = (n: number) => (n < 10 ? `0${n}` : String(n))

/** `YYYY-MM-DDTHH:mm:ssZ`, as the store's `timestamp()` writes them. */
function timestampOf(seconds: number): string {
  const day = Math.floor(seconds / 86_400)
  const time = seconds - day * 86_400
  const dayText = (days[day - firstDay] ??= new Date(day * 86_400 * msPerSecond).toISOString().slice(0, 11))
  const timeText = (times[time] ??= `${two(Math.floor(time / 3600))}:${two(Math.floor(time / 60) % 60)}:${two(time % 60)}Z`)
  return dayText + timeText
}

/** Draws of TopTickets' own: names, companies, titles, addresses and amounts. */
class CustomerDraws extends Draws {
  /** Faker's last name patterns: one name, or two joined by a hyphen (1 in 20). */
  lastName(): Word {
    const first = this.pick(lastNames)
    if (!this.chance(0.05)) return first
    const second = this.pick(lastNames)
    return { text: `${first.text}-${second.text}`, slug: first.slug + second.slug }
  }

  /** A company named as Faker's patterns name them, with the domain its name gives. */
  company(): Company {
    const kind = this.below(3)
    const a = this.lastName()
    let name: string
    let domain: string
    if (kind === 0) {
      const b = this.lastName()
      name = [a.text, ' - ', b.text].join('')
      domain = a.slug + b.slug
    } else if (kind === 1) {
      const entity = this.pick(legalEntities)
      name = [a.text, ' ', entity.text].join('')
      domain = a.slug + entity.slug
    } else {
      const b = this.lastName()
      const c = this.lastName()
      name = [a.text, ', ', b.text, ' and ', c.text].join('')
      domain = [a.slug, b.slug, 'and', c.slug].join('')
    }
    return { name, website: ['https://', domain, '.com'].join(''), at: ['@', domain, '.com'].join('') }
  }

  /** An amount of money from `min` to `max` as the spec writes it: digits, a point, two decimals. */
  amount(min: number, max: number): string {
    const value = min * 100 + this.below((max - min) * 100 + 1)
    const whole = Math.floor(value / 100)
    return String(whole) + cents[value - whole * 100]
  }

  title(): string {
    const index = (this.below(jobDescriptors.length) * jobAreas.length + this.below(jobAreas.length)) * jobTypes.length + this.below(jobTypes.length)
    return (titles[index] ??= [jobDescriptors[Math.floor(index / (jobAreas.length * jobTypes.length))], ' ', jobAreas[Math.floor(index / jobTypes.length) % jobAreas.length], ' ', jobTypes[index % jobTypes.length]].join(''))
  }

  /** `{{buildingNumber}} {{street}}`, as Faker's English street addresses go. */
  streetAddress(): string {
    // Three, four or five digits, the first not a zero.
    const lowest = buildingNumberFloors[this.below(3)]!
    const number = String(lowest + this.below(9 * lowest))
    const kind = this.below(3)
    if (kind === 2) return [number, ' ', this.pick(streetNames)].join('')
    const name = kind === 0 ? this.pick(firstNames).text : this.lastName().text
    return [number, ' ', name, ' ', this.pick(streetSuffixes)].join('')
  }
}

/**
 * `count` customers: the docs' samples, then generated ones in order of creation. `emailsInUse`
 * is the store's email index, which holds each customer before the next one is made (a second
 * set of a million emails beside it cost a tenth of the seeding); without it, the generator keeps
 * its own set.
 */
export function* seedCustomers(faker: Faker, count: number, emailsInUse?: { has(email: string): boolean }): Generator<Customer> {
  const samples = (docSamples as Customer[]).slice(0, count)
  yield* samples.map((sample) => ({ ...sample }))
  const generated = count - samples.length
  if (generated <= 0) return
  const draw = new CustomerDraws(faker)
  const own = emailsInUse ? undefined : new Set(samples.map((sample) => sample.email.toLowerCase()))
  const inUse = emailsInUse ?? own!

  // Creation times first, sorted: records are then made in the order they are served, with no
  // sort of a million objects afterwards.
  const created = new Float64Array(generated)
  for (let i = 0; i < generated; i++) created[i] = createdFrom + draw.below(createdTo - createdFrom)
  created.sort()

  const companies = Array.from({ length: Math.ceil(generated / customersPerCompany) }, () => draw.company())

  for (let i = 0; i < generated; i++) {
    const first = draw.pick(firstNames)
    const last = draw.lastName()
    const place = draw.pick(places)
    const company = draw.chance(0.85) ? draw.pick(companies) : undefined
    const at = company ? company.at : draw.pick(freeMail)
    let email = [first.slug, '.', last.slug, at].join('')
    for (let n = 2; inUse.has(email); n++) email = [first.slug, '.', last.slug, n, at].join('')
    own?.add(email)

    const tierDraw = draw.next() * 10
    const { tier, min, max } = tiers.find((entry) => tierDraw < entry.upTo)!
    const createdAt = created[i]!
    const updatedAt = draw.chance(0.6) ? createdAt + draw.below(reference - createdAt + 1) : createdAt
    const createdText = timestampOf(createdAt)
    const location = place.location

    // One object literal, every field in the schema's order, for one hidden class throughout.
    yield {
      id: draw.uuid(),
      name: [first.text, ' ', last.text].join(''),
      email,
      company: company ? company.name : null,
      department: company ? draw.pick(departments) : null,
      title: company ? draw.title() : null,
      customer_tier: tier,
      contact_number: draw.fill(place.phone),
      pronoun: draw.chance(0.7) ? draw.pick(pronouns) : null,
      location_country: location.country,
      location_city: location.city,
      location_state: location.state,
      location_zip: draw.fill(place.zip),
      location_address: draw.streetAddress(),
      region: location.region as Customer['region'],
      timezone: location.timezone,
      account_value: draw.amount(min, max),
      has_premium_support: tier === 'tier_1' || (tier === 'tier_2' && draw.chance(0.5)),
      is_vip: tier === 'tier_1' && draw.chance(0.4),
      social_linkedin: draw.chance(0.7) ? ['https://linkedin.com/in/', first.slug, last.slug].join('') : null,
      social_website: company ? company.website : null,
      social_github: draw.chance(0.3) ? ['https://github.com/', first.slug, last.slug].join('') : null,
      notes: draw.chance(0.4) ? draw.pick(noteLines) : null,
      created_at: createdText,
      updated_at: updatedAt === createdAt ? createdText : timestampOf(updatedAt),
    }
  }
}

