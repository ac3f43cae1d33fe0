import type { RouteTable } from '../../../core/define-api.ts'
import type { paths } from '../../../generated/billingplatform.ts'
import type { Principal } from '../auth.ts'
import type { Store } from '../store.ts'
import { getCustomer, listCustomers } from './customers.ts'
import { createTicket, deleteTicket, getTicket, listCustomerTickets, listTickets, patchTicket, updateTicket } from './tickets.ts'

/** One handler per operation in specs/billingplatform.yaml, keyed like the spec (trailing slashes included). */
export const routes: RouteTable<paths, Store, Principal> = {
  '/tickets/': { get: listTickets, post: createTicket },
  '/tickets/{id}': { get: getTicket, put: updateTicket, patch: patchTicket, delete: deleteTicket },
  '/customers/{id}/tickets/': { get: listCustomerTickets },
  '/customers/': { get: listCustomers },
  '/customers/{id}': { get: getCustomer },
}
