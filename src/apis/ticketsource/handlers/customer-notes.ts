/**
 * A customer's notes: simple-paginated list, 201 on create, read and delete. Requests say
 * `customer_note`, responses `customer-note`. Notes cannot be updated through the API, so their
 * `updated_at` stays null.
 */
import type { RouteHandler } from '../../../core/define-api.ts'
import type { operations } from '../../../generated/ticketsource.ts'
import type { Principal } from '../auth.ts'
import { modelNotFound } from '../errors.ts'
import { simplePaginate } from '../pagination.ts'
import { noteResource } from '../resources.ts'
import { timestamp, type Store } from '../store.ts'

type Handler<Op extends keyof operations> = RouteHandler<operations[Op], Store, Principal>

/** The customer's note with this id; another customer's note does not count (scoped binding). */
const noteOf = (store: Store, customerId: string, noteId: string) => {
  const note = store.notes.get(noteId)
  return note?.customer_id === customerId ? note : undefined
}

export const listCustomerNotes: Handler<'listCustomerNotes'> = ({ store, params, query, url, baseUrl, json }) => {
  if (!store.customers.get(params.customer_id)) return json(404, modelNotFound('Customer', params.customer_id))
  const path = `${baseUrl}/customers/${params.customer_id}/notes`
  const page = simplePaginate(store.notesOf(params.customer_id), { page: query.page!, perPage: query.per_page!, url, path })
  return json(200, { data: page.items.map((record) => noteResource(record, baseUrl)), links: page.links, meta: page.meta })
}

export const createCustomerNote: Handler<'createCustomerNote'> = async ({ store, params, body, baseUrl, json }) => {
  if (!store.customers.get(params.customer_id)) return json(404, modelNotFound('Customer', params.customer_id))
  const { description, created_by } = body.data.attributes
  const record = await store.notes.create({
    id: store.newId('csn'),
    type: 'customer-note',
    customer_id: params.customer_id,
    attributes: { description, created_by, created_at: timestamp(), updated_at: null },
  })
  return json(201, { data: noteResource(record, baseUrl) })
}

export const getCustomerNote: Handler<'getCustomerNote'> = ({ store, params, baseUrl, json }) => {
  if (!store.customers.get(params.customer_id)) return json(404, modelNotFound('Customer', params.customer_id))
  const note = noteOf(store, params.customer_id, params.note_id)
  return note ? json(200, { data: noteResource(note, baseUrl) }) : json(404, modelNotFound('CustomerNote', params.note_id))
}

export const deleteCustomerNote: Handler<'deleteCustomerNote'> = ({ store, params, json, empty }) => {
  if (!store.customers.get(params.customer_id)) return json(404, modelNotFound('Customer', params.customer_id))
  if (!noteOf(store, params.customer_id, params.note_id)) return json(404, modelNotFound('CustomerNote', params.note_id))
  store.notes.delete(params.note_id)
  return empty(204)
}
