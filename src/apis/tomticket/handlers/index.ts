import type { RouteTable } from '../../../core/define-api.ts'
import type { paths } from '../../../generated/tomticket.ts'
import type { Principal } from '../auth.ts'
import type { Store } from '../store.ts'
import { createCustomer, getCustomerDetails, listCustomers, updateCustomer } from './customers.ts'
import { customerExists, searchBlacklist } from './lookups.ts'

/** One handler per operation in specs/tomticket.yaml, keyed like the spec. */
export const routes: RouteTable<paths, Store, Principal> = {
  '/customer/list': { get: listCustomers },
  '/customer/details': { get: getCustomerDetails },
  '/customer/new': { post: createCustomer },
  '/customer/update': { post: updateCustomer },
  '/customer/exists': { get: customerExists },
  '/customers/exists': { get: customerExists },
  '/customer/blacklist/search': { get: searchBlacklist },
}
