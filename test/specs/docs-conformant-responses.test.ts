/**
 * A server that answers as the docs describe passes the contract suite, even where the docs allow
 * more than the mock sends (issue 16). Each case is a hand-made answer a real server could give,
 * using the docs' loose types (Text ids, Date dates, tenant presets, String flags, Mixed values,
 * abridged lists), judged by the contract suite's own check against the spec. Each case also has
 * a broken twin the same check must still fail, so the loosening has not switched the check off.
 */
import { describe, expect, it } from 'vitest'
import { checks } from '../../src/contract/index.ts'
import { loadSpec } from '../../src/contract/spec.ts'

const check = checks['response-schema-conformance']

async function judge(api: string, operationId: string, status: number, body: unknown) {
  const spec = await loadSpec(api)
  const operation = spec.operations.find((op) => op.id === operationId)
  if (!operation) throw new Error(`specs/${api}.yaml has no operation ${operationId}`)
  const text = JSON.stringify(body)
  const exchange = {
    operation,
    kind: 'valid',
    description: 'a docs-conformant answer',
    request: { method: operation.method, url: `https://example.invalid${operation.path}`, headers: {} },
    response: { status, headers: new Headers({ 'content-type': 'application/json' }), text, json: body },
  }
  return check(exchange as never, spec) ?? []
}

const customerSummary = { id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890', name: 'John Doe', email: 'john.doe@example.com', is_vip: false, has_premium_support: true }

const ticketsourceCustomer = (attributes: Record<string, unknown>) => ({
  data: {
    id: 'cst-xxxxxxxxxx2',
    type: 'customer',
    attributes: {
      title: null,
      first_name: 'Karl',
      last_name: 'Jenkins',
      address: { line_1: null, line_2: null, line_3: null, line_4: null, postcode: null },
      telephone: null,
      email: 'karl@karljenkins.com',
      membership: { identifier: null, start_date: null, end_date: null },
      consent: { email: false, post: false, sms: false },
      created_at: '2020-04-09T16:36:05+00:00',
      updated_at: null,
      ...attributes,
    },
    links: {
      self: 'https://api.ticketsource.io/customers/cst-xxxxxxxxxx2',
      bookings: 'https://api.ticketsource.io/customers/cst-xxxxxxxxxx2/bookings',
      notes: 'https://api.ticketsource.io/customers/cst-xxxxxxxxxx2/notes',
    },
  },
})

const simplePage = (data: unknown[], path: string) => ({
  data,
  links: { first: `${path}?page=1`, last: null, prev: null, next: null },
  meta: { current_page: 1, from: data.length > 0 ? 1 : null, path, per_page: 10, to: data.length > 0 ? data.length : null },
})

const billingTicket = (fields: Record<string, unknown>) => ({
  id: 1251,
  customerID: 123,
  ticketType: 'billing',
  status: 'open',
  ticketPriority: 'normal',
  customerEmail: 'accounts@harrowfinch.co.uk',
  subject: "Query about last month's invoice",
  ticketContent: null,
  owner: null,
  users: null,
  departments: 'Billing',
  ticketSuppliers: null,
  createdDate: '2025-06-02 10:30:00',
  ticketFollowupDate: null,
  ticketActionRequiredDate: null,
  ...fields,
})

const tomticketDetails = (data: Record<string, unknown>) => ({
  error: false,
  message: 'Operação realizada com sucesso.',
  success: true,
  data: {
    name: 'Mariana Costa',
    email: 'mariana.costa@auroralogistica.com.br',
    phone: '(11) 98765-4321',
    internal_id: 'CLI-000184',
    monthly_ticket_quota: null,
    active: true,
    organization: { id: '0a1b2c3d4e5f60718293a4b5c6d7e8f9', name: 'Aurora Logística', active: true, monthly_ticket_quota: 40 },
    organization_mother: null,
    permissions: { active: true, email_validated: true, allowed_create_tickets: true, monthly_ticket_quota: 40 },
    custom_fields: [{ id: '1a2b3c4d5e6f708192a3b4c5d6e7f809', name: 'Setor', value: 'Financeiro' }],
    ...data,
  },
})

// [api, operation, status, what the docs allow, a docs-conformant answer, a broken twin]
const cases: Array<[string, string, number, string, unknown, unknown]> = [
  ['toptickets', 'listCustomers', 200, 'list items with more fields than the abridged docs example', [{ ...customerSummary, company: 'Acme Corp', notes: null }], [{ ...customerSummary, is_vip: 'no' }]],
  ['ticketsource', 'getCustomer', 200, 'a customer created without names or e-mail (no attribute is required)', ticketsourceCustomer({ first_name: null, last_name: null, email: null }), ticketsourceCustomer({ first_name: 42 })],
  [
    'ticketsource',
    'listCustomerBookings',
    200,
    'the bookings list a customer links to, with bookings the docs do not describe',
    simplePage([{ id: 'bkg-1', type: 'booking', attributes: { reference: 'ABC123' } }], 'https://api.ticketsource.io/customers/cst-xxxxxxxxxx1/bookings'),
    simplePage(['not an object'], 'https://api.ticketsource.io/customers/cst-xxxxxxxxxx1/bookings'),
  ],
  [
    'billingplatform',
    'getTicket',
    200,
    'a Text id, Date dates and the tenant\'s own preset values',
    billingTicket({ id: 'T-1251', createdDate: '2025-06-02', ticketFollowupDate: '2025-06-09T09:00:00+01:00', ticketType: 'complaints', status: 'waiting on supplier', ticketPriority: 'P2', owner: 'Sam Jones' }),
    billingTicket({ createdDate: 'last Tuesday' }),
  ],
  [
    'billingplatform',
    'listTickets',
    200,
    'the same in a list',
    [billingTicket({ id: '1251', status: 'on hold' })],
    [billingTicket({ status: null })],
  ],
  [
    'tomticket',
    'getCustomerDetails',
    200,
    'organization flags as String, an empty organization as [], Mixed custom field values, a Boolean quota',
    tomticketDetails({
      organization: { id: '0a1b2c3d4e5f60718293a4b5c6d7e8f9', name: 'Aurora Logística', active: '1', monthly_ticket_quota: 40 },
      organization_mother: [],
      permissions: { active: true, email_validated: true, allowed_create_tickets: true, monthly_ticket_quota: false },
      custom_fields: [
        { id: '1a2b3c4d5e6f708192a3b4c5d6e7f809', name: 'Setor', value: 42 },
        { id: '2a2b3c4d5e6f708192a3b4c5d6e7f809', name: 'Tags', value: ['a', 'b'] },
      ],
    }),
    tomticketDetails({ organization: { id: '0a1b2c3d4e5f60718293a4b5c6d7e8f9', name: 'Aurora Logística', active: 1, monthly_ticket_quota: 40 } }),
  ],
]

describe('the contract suite accepts answers that follow the docs\' loose types', () => {
  it.each(cases)('%s %s %i: %s', async (api, operationId, status, _, conformant, broken) => {
    expect(await judge(api, operationId, status, conformant)).toEqual([])
    expect(await judge(api, operationId, status, broken)).toEqual([expect.objectContaining({ title: `The ${status} body does not match its schema` })])
  })
})
