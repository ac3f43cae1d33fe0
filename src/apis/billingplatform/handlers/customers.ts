/**
 * The customers read endpoints tickets refer to. `accountNumber` and `CRMReference` are exact,
 * unique, indexed lookups ("an array containing a single customer, or an empty array"); the flags
 * and `...Since` filters narrow the list further, all at once. The expansion flags are accepted
 * and change nothing: numbers, services and features are not modelled.
 */
import type { RouteHandler } from '../../../core/define-api.ts'
import type { operations } from '../../../generated/billingplatform.ts'
import type { Principal } from '../auth.ts'
import { objectNotFound } from '../errors.ts'
import { isSince, readSince } from '../since-filter.ts'
import type { Customer, Store } from '../store.ts'

type Handler<Op extends keyof operations> = RouteHandler<operations[Op], Store, Principal>

export const listCustomers: Handler<'listCustomers'> = ({ store, query, operation, json }) => {
  const read = readSince(operation, query, ['droppedSince', 'reinstatedSince'])
  if (!read.ok) return read.response
  const { droppedSince, reinstatedSince } = read.since

  const lookups = [
    query.accountNumber === undefined ? undefined : store.customers.findUnique('accountNumber', query.accountNumber),
    query.CRMReference === undefined ? undefined : store.customers.findUnique('CRMReference', query.CRMReference),
  ]
  const searched = query.accountNumber !== undefined || query.CRMReference !== undefined
  const candidates: readonly (Customer | undefined)[] = searched ? [lookups[0] ?? lookups[1]] : store.customers.all()

  const matches = candidates.filter(
    (customer): customer is Customer =>
      customer !== undefined &&
      // Both searches given: the one customer must match both.
      (query.accountNumber === undefined || customer.accountNumber === query.accountNumber) &&
      (query.CRMReference === undefined || customer.CRMReference === query.CRMReference) &&
      (!query.dropped || customer.dropped) &&
      (!query.active || !customer.dropped) &&
      (!query.finalBill || customer.finalBill) &&
      (!query.excludeFinalBill || !customer.finalBill) &&
      isSince(customer.droppedDate, droppedSince) &&
      isSince(customer.reinstatedDate, reinstatedSince),
  )
  return json(200, matches)
}

export const getCustomer: Handler<'getCustomer'> = ({ store, params, json }) => {
  const customer = store.customers.get(params.id)
  return customer ? json(200, customer) : objectNotFound(params.id)
}
