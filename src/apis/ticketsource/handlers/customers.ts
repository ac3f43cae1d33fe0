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

/** The attributes after a write: sent fields replace stored ones, key by key inside the objects. */
function apply(current: Attributes, { phone, address, membership, consent, ...fields }: Writable): Attributes {
  return {
    ...current,
    ...fields,
    ...(phone !== undefined && { telephone: phone }),
    address: { ...current.address, ...address },
    membership: { ...current.membership, ...membership },
    consent: { ...current.consent, ...consent },
  }
}

/** A new customer's attributes before anything is sent: blank, and no consent given. */
const blank = (now: string): Attributes => ({
  title: null,
  first_name: '',
  last_name: '',
  address: { line_1: null, line_2: null, line_3: null, line_4: null, postcode: null },
  telephone: null,
  email: '',
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

export const deleteCustomer: Handler<'deleteCustomer'> = ({ store, params, json, empty }) => {
  return store.deleteCustomer(params.customer_id) ? empty(204) : json(404, modelNotFound('Customer', params.customer_id))
}
