/**
 * Plausible Brazilian customers from a seeded Faker. Parent organizations ("Grupo Souza") own
 * subsidiaries ("Souza Logística"); a few organizations are inactive, so some customers lose
 * their permissions through them. Customers of an organization have an e-mail at its domain,
 * the others at a free provider; internal ids are valid CPFs or ERP codes. Some customers have
 * no internal id (registered in the panel) and some no e-mail (registered through the API), never
 * neither. The hand-written demo records in fixtures/tomticket/ come first, so the README's
 * examples work against the mock.
 */
import type { Faker } from '@faker-js/faker'
import pinnedBlacklist from '../../../fixtures/tomticket/blacklist.json'
import customFieldFixtures from '../../../fixtures/tomticket/custom-fields.json'
import pinnedCustomers from '../../../fixtures/tomticket/customers.json'
import pinnedOrganizations from '../../../fixtures/tomticket/organizations.json'
import portfolioFixtures from '../../../fixtures/tomticket/portfolios.json'
import type { BlacklistRecord, CustomerRecord, CustomFieldDefinition, OrganizationRecord, PortfolioRecord } from './store.ts'

const sectors = ['Logística', 'Serviços', 'Tecnologia', 'Comércio', 'Engenharia', 'Distribuidora', 'Alimentos', 'Saúde']
const freeProviders = ['gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com.br', 'uol.com.br', 'bol.com.br']
const quotas = [10, 20, 30, 50, 100]
const customerQuotas = [2, 5, 10, 15]
const languages = [
  { weight: 85, value: 'pt-BR' as const },
  { weight: 8, value: 'es_ES' as const },
  { weight: 7, value: 'en-US' as const },
]
const fieldValues: Record<string, (faker: Faker) => string> = {
  'Plano contratado': (faker) => faker.helpers.arrayElement(['Básico', 'Profissional', 'Corporativo']),
  Setor: (faker) => faker.helpers.arrayElement(['Financeiro', 'Compras', 'TI', 'Operações', 'Diretoria', 'Comercial', 'Recursos Humanos']),
  Cidade: (faker) => faker.location.city(),
  'Data de nascimento': (faker) =>
    faker.date.birthdate({ mode: 'age', min: 18, max: 75 }).toISOString().slice(0, 10).split('-').reverse().join('/'),
}
const fieldProbability: Record<string, number> = { 'Plano contratado': 0.6, Setor: 0.5, Cidade: 0.5, 'Data de nascimento': 0.25 }

export const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[^\x00-\x7f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')

const hexId = (faker: Faker) => faker.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' })

/** A CPF with valid check digits, formatted `000.000.000-00`. */
export function cpf(faker: Faker): string {
  const digits = Array.from({ length: 9 }, () => faker.number.int(9))
  for (const length of [9, 10]) {
    const sum = digits.slice(0, length).reduce((total, digit, i) => total + digit * (length + 1 - i), 0)
    const rest = (sum * 10) % 11
    digits.push(rest === 10 ? 0 : rest)
  }
  const text = digits.join('')
  return `${text.slice(0, 3)}.${text.slice(3, 6)}.${text.slice(6, 9)}-${text.slice(9)}`
}

const maybeQuota = (faker: Faker, values: number[], probability: number) =>
  faker.helpers.maybe(() => faker.helpers.arrayElement(values), { probability }) ?? null

function generateOrganizations(faker: Faker, taken: Set<string>): OrganizationRecord[] {
  const unique = (make: () => string) => {
    let name = make()
    while (taken.has(name)) name = make()
    taken.add(name)
    return name
  }
  const parents = Array.from({ length: 5 }, (): OrganizationRecord => ({
    id: hexId(faker),
    name: unique(() => `Grupo ${faker.person.lastName()}`),
    active: faker.datatype.boolean({ probability: 0.8 }),
    monthly_ticket_quota: maybeQuota(faker, quotas, 0.5),
    parent_id: null,
  }))
  const children = Array.from({ length: 13 }, (): OrganizationRecord => {
    const parent = faker.helpers.maybe(() => faker.helpers.arrayElement(parents), { probability: 0.7 })
    const family = parent ? parent.name.replace(/^Grupo /, '') : faker.person.lastName()
    return {
      id: hexId(faker),
      name: unique(() => `${family} ${faker.helpers.arrayElement(sectors)}`),
      active: faker.datatype.boolean({ probability: 0.9 }),
      monthly_ticket_quota: maybeQuota(faker, quotas, 0.4),
      parent_id: parent?.id ?? null,
    }
  })
  return [...parents, ...children]
}

interface Taken {
  emails: Set<string>
  internalIds: Set<string>
}

function generateCustomer(faker: Faker, organizations: OrganizationRecord[], fields: CustomFieldDefinition[], taken: Taken): CustomerRecord {
  const firstName = faker.person.firstName()
  const lastName = faker.person.lastName()
  const organization = faker.helpers.maybe(() => faker.helpers.arrayElement(organizations), { probability: 0.65 })
  const domain = organization ? `${slug(organization.name)}.com.br` : faker.helpers.arrayElement(freeProviders)
  const local = `${slug(firstName)}.${slug(lastName)}`
  // Registered through the API (internal id, maybe no e-mail) or in the panel (e-mail, no internal id).
  const throughApi = faker.datatype.boolean({ probability: 0.8 })
  let email: string | null = null
  if (!throughApi || faker.datatype.boolean({ probability: 0.9 })) {
    email = `${local}@${domain}`
    for (let n = 2; taken.emails.has(email); n++) email = `${local}${n}@${domain}`
    taken.emails.add(email)
  }
  let internalId: string | null = null
  if (throughApi) {
    const make = () => (faker.datatype.boolean() ? cpf(faker) : `CLI-${String(faker.number.int({ min: 300, max: 999_999 })).padStart(6, '0')}`)
    internalId = make()
    while (taken.internalIds.has(internalId)) internalId = make()
    taken.internalIds.add(internalId)
  }
  const custom_fields: Record<string, string> = {}
  for (const field of fields) {
    const value = faker.helpers.maybe(() => fieldValues[field.name]?.(faker), { probability: fieldProbability[field.name] ?? 0.3 })
    if (value !== undefined) custom_fields[field.id] = value
  }
  return {
    id: hexId(faker),
    internal_id: internalId,
    name: `${firstName} ${lastName}`,
    email,
    phone: faker.helpers.maybe(() => faker.phone.number(), { probability: 0.85 }) ?? null,
    active: faker.datatype.boolean({ probability: 0.92 }),
    email_validated: email !== null && faker.datatype.boolean({ probability: 0.75 }),
    account_approved: faker.datatype.boolean({ probability: 0.95 }),
    create_tickets: faker.datatype.boolean({ probability: 0.9 }),
    monthly_ticket_quota: maybeQuota(faker, customerQuotas, 0.2),
    organization_id: organization?.id ?? null,
    language: faker.helpers.weightedArrayElement(languages),
    portfolio_id: faker.helpers.maybe(() => faker.helpers.arrayElement(portfolioFixtures).id, { probability: 0.4 }) ?? null,
    custom_fields,
  }
}

export interface SeedData {
  customFields: CustomFieldDefinition[]
  portfolios: PortfolioRecord[]
  organizations: OrganizationRecord[]
  customers: CustomerRecord[]
  blacklist: BlacklistRecord[]
}

/** Everything the store holds at start: `count` customers, the demo records first. */
export function seed(faker: Faker, count: number): SeedData {
  const customFields = customFieldFixtures.map((field) => ({ ...field }))
  const organizations = [
    ...(pinnedOrganizations as OrganizationRecord[]).map((organization) => ({ ...organization })),
    ...generateOrganizations(faker, new Set(pinnedOrganizations.map((organization) => organization.name))),
  ]
  const pinned = (pinnedCustomers as CustomerRecord[]).slice(0, count).map((customer) => structuredClone(customer))
  const taken: Taken = {
    emails: new Set(pinned.flatMap((customer) => (customer.email ? [customer.email] : []))),
    internalIds: new Set(pinned.flatMap((customer) => (customer.internal_id ? [customer.internal_id] : []))),
  }
  const generated = Array.from({ length: Math.max(0, count - pinned.length) }, () => generateCustomer(faker, organizations, customFields, taken))
  const customers = [...pinned, ...generated]
  // A few customers' own addresses bounce or complain, so they are on the blacklist too.
  const withEmail = generated.filter((customer) => customer.email !== null)
  const blacklisted = faker.helpers.arrayElements(withEmail, Math.min(3, withEmail.length)).map((customer) => customer.email!)
  const blacklist = [...pinnedBlacklist, ...blacklisted].map((email) => ({ email }))
  return { customFields, portfolios: portfolioFixtures.map((p) => ({ ...p })), organizations, customers, blacklist }
}
