import type { RouteTable } from '../../../core/define-api.ts'
import type { paths } from '../../../generated/ticketsource.ts'
import type { Principal } from '../auth.ts'
import type { Store } from '../store.ts'
import { createCustomerNote, deleteCustomerNote, getCustomerNote, listCustomerNotes } from './customer-notes.ts'
import { createCustomer, deleteCustomer, getCustomer, listCustomerBookings, listCustomers, updateCustomer } from './customers.ts'

/** One handler per operation in specs/ticketsource.yaml, keyed like the spec. */
export const routes: RouteTable<paths, Store, Principal> = {
  '/customers': { get: listCustomers, post: createCustomer },
  '/customers/{customer_id}': { get: getCustomer, patch: updateCustomer, delete: deleteCustomer },
  '/customers/{customer_id}/bookings': { get: listCustomerBookings },
  '/customers/{customer_id}/notes': { get: listCustomerNotes, post: createCustomerNote },
  '/customers/{customer_id}/notes/{note_id}': { get: getCustomerNote, delete: deleteCustomerNote },
}
