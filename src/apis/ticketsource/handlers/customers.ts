/**
 * Customers: simple-paginated list, 201 on create with the record in `data`, PATCH that changes
 * only what is sent (and moves `updated_at` only when something changed), 204 on delete, which
 * takes the customer's notes with it. Request field `phone` is stored and answered as `telephone`.
 */
import type { RouteHandler } from '../../../core/define-api.ts'
import type { components, operations } from '../../../generated/ticketsource.ts'
import type { Principal } from '../auth.ts'
import { modelNotFound, validationErrors } from '../errors.ts'
import { simplePaginate } from '../pagination.ts'
import { customerResource } from '../resources.ts'
import { timestamp, type CustomerRecord, type Store } from '../store.ts'

type Handler<Op extends keyof operations> = RouteHandler<operations[Op], Store, Principal>
type Writable = components['schemas']['CustomerWritableAttributes']
type Attributes = CustomerRecord['attributes']

type Consent = Attributes['consent']

/**
 * Only the keys of `from` that `shape` has a rule for: what `$request->validated()` returns.
 * Anything else the client sent (the response's `telephone`, `created_at`, a typo) is dropped.
 */
function validated<T extends object>(from: object | null | undefined, shape: T): Partial<T> {
  const picked: Partial<T> = {}
  for (const key of Object.keys(shape) as Array<keyof T>) {
    if (from && Object.hasOwn(from, key)) picked[key] = (from as T)[key]
  }
  return picked
}

/** Laravel's `boolean` rule lets 0, 1, "0" and "1" through; the model's boolean cast stores them as booleans. */
const consentOf = (sent: Writable['consent']): Partial<Consent> =>
  Object.fromEntries(Object.entries(validated(sent, { email: 0, post: 0, sms: 0 }) as Record<string, unknown>).map(([key, value]) => [key, value === true || value === 1 || value === '1']))

/** The attributes after a write: sent fields replace stored ones, key by key inside the objects. */
function apply(current: Attributes, sent: Writable): Attributes {
  const { title, first_name, last_name, email, phone } = sent
  const fields = validated({ title, first_name, last_name, email }, { title: 0, first_name: 0, last_name: 0, email: 0 })
  for (const key of Object.keys(fields) as Array<keyof typeof fields>) if (fields[key] === undefined) delete fields[key]
  return {
    ...current,
    ...(fields as Partial<Attributes>),
    ...(phone !== undefined && { telephone: phone }),
    address: { ...current.address, ...validated(sent.address, current.address) },
    membership: { ...current.membership, ...validated(sent.membership, current.membership) },
    consent: { ...current.consent, ...consentOf(sent.consent) },
  }
}

/** A new customer's attributes before anything is sent: blank, and no consent given. */
const blank = (now: string): Attributes => ({
  title: null,
  first_name: null,
  last_name: null,
  address: { line_1: null, line_2: null, line_3: null, line_4: null, postcode: null },
  telephone: null,
  email: null,
  membership: { identifier: null, start_date: null, end_date: null },
  consent: { email: false, post: false, sms: false },
  created_at: now,
  updated_at: null,
})

export const listCustomers: Handler<'listCustomers'> = ({ store, query, url, baseUrl, json }) => {
  // page and per_page always have values here: the validator applies the spec's defaults.
  const page = simplePaginate(store.customers.all(), { page: query.page!, perPage: query.per_page!, url, path: `${baseUrl}/customers` })
  return json(200, { data: page.items.map((record) => customerResource(record, baseUrl)), links: page.links, meta: page.meta })
}

export const createCustomer: Handler<'createCustomer'> = async ({ store, body, baseUrl, json }) => {
  const record = await store.customers.create({
    id: store.newId('cst'),
    type: 'customer',
    attributes: apply(blank(timestamp()), body.data.attributes),
  })
  return json(201, { data: customerResource(record, baseUrl) })
}

export const getCustomer: Handler<'getCustomer'> = ({ store, params, baseUrl, json }) => {
  const record = store.customers.get(params.customer_id)
  return record ? json(200, { data: customerResource(record, baseUrl) }) : json(404, modelNotFound('Customer', params.customer_id))
}

export const updateCustomer: Handler<'updateCustomer'> = async ({ store, params, body, operation, baseUrl, json }) => {
  const current = store.customers.get(params.customer_id)
  if (!current) return json(404, modelNotFound('Customer', params.customer_id))
  if (body.data.id !== params.customer_id) {
    const mismatch = { in: 'body' as const, path: ['data', 'id'], keyword: 'const', params: { allowedValue: params.customer_id }, data: body.data.id, message: 'must match the id in the URL' }
    return json(422, validationErrors([mismatch], operation))
  }
  const next = apply(current.attributes, body.data.attributes)
  // Eloquent saves (and touches updated_at) only when an attribute actually changed.
  const changed = JSON.stringify(next) !== JSON.stringify(current.attributes)
  const record = await store.customers.update(params.customer_id, (draft) => {
    draft.attributes = changed ? { ...next, updated_at: timestamp() } : next
  })
  return json(200, { data: customerResource(record!, baseUrl) })
}

/** Bookings are not modelled: every customer the mock has answers an empty page (TS17). */
export const listCustomerBookings: Handler<'listCustomerBookings'> = ({ params, query, url, baseUrl, json }) => {
  const page = simplePaginate([], { page: query.page!, perPage: query.per_page!, url, path: `${baseUrl}/customers/${params.customer_id}/bookings` })
  return json(200, { data: page.items, links: page.links, meta: page.meta })
}

export const deleteCustomer: Handler<'deleteCustomer'> = ({ store, params, json, empty }) => {
  return store.deleteCustomer(params.customer_id) ? empty(204) : json(404, modelNotFound('Customer', params.customer_id))
}
