/**
 * The tickets resource, as Yii 2's REST controllers answer: bare arrays and objects, 201 with a
 * `Location` on create, PUT and PATCH both updating only the fields sent, 204 on delete, and
 * `Object not found: <id>` for an unknown id. Lists are in ascending id order, at most a page
 * (the spec's `x-pagination.pageSize`) at a time, so `idAfter` works as a cursor; `createdSince`
 * and `updatedSince` narrow them further, all filters at once.
 */
import type { RouteHandler } from '../../../core/define-api.ts'
import type { Operation } from '../../../core/openapi-document.ts'
import document from '../../../generated/billingplatform-document.ts'
import type { components, operations } from '../../../generated/billingplatform.ts'
import type { Principal } from '../auth.ts'
import { formatTimestamp, parseDateTimeInput } from '../dates.ts'
import { labelOf, objectNotFound, validationFailed, type FieldError } from '../errors.ts'
import { initialStatus, presetValues, ticketType } from '../presets.ts'
import { isSince, readSince } from '../since-filter.ts'
import { toTicket, type Store, type Ticket, type TicketRecord } from '../store.ts'

type Handler<Op extends keyof operations> = RouteHandler<operations[Op], Store, Principal>
type Writable = components['schemas']['TicketWritable']
type ListQuery = operations['listTickets']['parameters']['query']

/** The page size the spec documents, read from it so the two cannot drift apart. */
export const pageSize = (document.paths['/tickets/']!.get!['x-pagination'] as { pageSize: number }).pageSize

/** The fields a client may set; anything else in a body is ignored, as Yii 2 ignores unsafe attributes. */
const writableFields = Object.keys(document.components!.schemas!.TicketWritable!.properties as object) as Array<keyof Writable>
const dateFields = ['ticketFollowupDate', 'ticketActionRequiredDate'] as const

type Selected = { ok: true; page: Ticket[]; headers: Record<string, string> } | { ok: false; response: Response }

/**
 * The page of `records` the filters select, with Yii 2's pagination headers saying how many
 * matched in all and, when the page was cut, a `Link` to the rest (B7); or the 400 for a filter
 * that names no real moment.
 */
function selectPage(records: readonly TicketRecord[], query: ListQuery, operation: Operation, url: URL): Selected {
  const read = readSince(operation, query ?? {}, ['createdSince', 'updatedSince'])
  if (!read.ok) return read
  const { createdSince, updatedSince } = read.since
  const idAfter = query?.idAfter ?? 0
  const page: Ticket[] = []
  let total = 0
  // Records are kept in ascending id order (ids only grow), so the first `pageSize` matches are the page.
  for (const record of records) {
    if (!(record.id > idAfter && isSince(record.createdDate, createdSince) && isSince(record.lastUpdated, updatedSince))) continue
    total++
    if (page.length < pageSize) page.push(toTicket(record))
  }
  const headers: Record<string, string> = { 'x-pagination-total-count': String(total), 'x-pagination-per-page': String(pageSize) }
  if (total > page.length) {
    const next = new URL(url)
    next.searchParams.set('idAfter', String(page.at(-1)!.id))
    headers.link = `<${next.href}>; rel="next"`
  }
  return { ok: true, page, headers }
}

export const listTickets: Handler<'listTickets'> = ({ store, query, operation, url, json }) => {
  const selected = selectPage(store.tickets.all(), query, operation, url)
  return selected.ok ? json(200, selected.page, { headers: selected.headers }) : selected.response
}

export const listCustomerTickets: Handler<'listCustomerTickets'> = ({ store, params, query, operation, url, json }) => {
  if (!store.customers.get(params.id)) return objectNotFound(params.id)
  const own = store.tickets.all().filter((ticket) => ticket.customerID === params.id)
  const selected = selectPage(own, query, operation, url)
  return selected.ok ? json(200, selected.page, { headers: selected.headers }) : selected.response
}

export const getTicket: Handler<'getTicket'> = ({ store, params, json }) => {
  const ticket = store.tickets.get(params.id)
  return ticket ? json(200, toTicket(ticket)) : objectNotFound(params.id)
}

/**
 * The writable fields sent, with dates in the API's own form, or the field errors Yii 2's model
 * rules would report: an unknown customer (its `exist` rule) and dates that do not exist.
 */
function readWritable(store: Store, body: Writable | undefined): { ok: true; changes: Partial<TicketRecord> } | { ok: false; errors: FieldError[] } {
  const changes: Record<string, unknown> = {}
  const errors: FieldError[] = []
  for (const field of writableFields) if (body?.[field] !== undefined) changes[field] = body[field]
  // The spec takes any text for a preset (each tenant has its own); the mock's tenant takes its own
  // values, `x-mockdesk-presets`, as Yii's `in` rule would (B6). `owner` may be null.
  for (const [field, values] of Object.entries(presetValues)) {
    const value = changes[field]
    if (value !== undefined && value !== null && !values.includes(value as string)) errors.push({ field, message: `${labelOf(field)} is invalid.` })
  }
  if (changes.customerID !== undefined && !store.customers.get(changes.customerID as number)) {
    errors.push({ field: 'customerID', message: `${labelOf('customerID')} is invalid.` })
  }
  for (const field of dateFields) {
    const value = changes[field]
    if (typeof value !== 'string') continue
    const ms = parseDateTimeInput(value)
    if (ms === undefined) errors.push({ field, message: `The format of ${labelOf(field)} is invalid.` })
    else changes[field] = formatTimestamp(new Date(ms))
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, changes: changes as Partial<TicketRecord> }
}

export const createTicket: Handler<'createTicket'> = async ({ store, body, baseUrl, json }) => {
  const read = readWritable(store, body)
  if (!read.ok) return validationFailed(read.errors)
  const { changes } = read
  const customer = store.customers.get(body.customerID)!
  const type = ticketType(body.ticketType)
  const now = formatTimestamp()
  const record = await store.tickets.create({
    id: store.sequence.ticket,
    customerID: customer.id,
    ticketType: type.name,
    status: initialStatus,
    ticketPriority: type.initialPriority,
    customerEmail: customer.email,
    subject: body.subject,
    ticketContent: null,
    owner: null,
    users: null,
    departments: type.team,
    ticketSuppliers: null,
    createdDate: now,
    ticketFollowupDate: null,
    ticketActionRequiredDate: null,
    ...changes,
    lastUpdated: now,
  })
  store.sequence.ticket++
  return json(201, toTicket(record), { headers: { location: `${baseUrl}/tickets/${record.id}` } })
}

/** The updated ticket, or the error response (unknown id, invalid fields). */
async function update(store: Store, id: number, body: Writable | undefined): Promise<Ticket | Response> {
  const current = store.tickets.get(id)
  if (!current) return objectNotFound(id)
  const read = readWritable(store, body)
  if (!read.ok) return validationFailed(read.errors)
  const changed = Object.entries(read.changes).some(([field, value]) => current[field as keyof TicketRecord] !== value)
  const updated = await store.tickets.update(id, (draft) => {
    Object.assign(draft, read.changes)
    // Like Yii 2's TimestampBehavior: saving without a change leaves the last-updated time alone.
    if (changed) draft.lastUpdated = formatTimestamp()
  })
  return toTicket(updated!)
}

export const updateTicket: Handler<'updateTicket'> = async ({ store, params, body, json }) => {
  const result = await update(store, params.id, body)
  return result instanceof Response ? result : json(200, result)
}

export const patchTicket: Handler<'patchTicket'> = async ({ store, params, body, json }) => {
  const result = await update(store, params.id, body)
  return result instanceof Response ? result : json(200, result)
}

export const deleteTicket: Handler<'deleteTicket'> = ({ store, params, empty }) => {
  return store.tickets.delete(params.id) ? empty(204) : objectNotFound(params.id)
}
