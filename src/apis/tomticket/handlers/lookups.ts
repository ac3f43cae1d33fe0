/**
 * The read-only checks: whether a customer exists (served under both the singular and the plural
 * path the two versions of the docs give, M4) and whether an e-mail is on the blacklist.
 */
import type { RouteHandler } from '../../../core/define-api.ts'
import type { operations } from '../../../generated/tomticket.ts'
import type { Principal } from '../auth.ts'
import { messages, success } from '../errors.ts'
import { emailKey, findCustomer, type Store } from '../store.ts'

type Handler<Op extends keyof operations> = RouteHandler<operations[Op], Store, Principal>

export const customerExists: Handler<'customerExists' | 'customersExists'> = ({ store, query, json }) => {
  const exists = findCustomer(store, query.customer_id, query.customer_type_id) !== undefined
  return json(200, success({ exists }, exists ? 'Cliente encontrado.' : messages.customerNotFound))
}

export const searchBlacklist: Handler<'searchBlacklist'> = ({ store, query, json }) => {
  const blacklisted = store.blacklist.get(emailKey(query.email)) !== undefined
  return json(200, success({ email: query.email, blacklisted }))
}
