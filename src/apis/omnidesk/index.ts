import { defineApi } from '../../core/define-api.ts'
import document from '../../generated/omnidesk-document.ts'
import { apiKeys, authenticate } from './auth.ts'
import { invalidRequest } from './errors.ts'
import { routes } from './handlers/index.ts'
import { createStore, defaultCustomerCount } from './store.ts'

/** Omnidesk: the customer controller (form bodies, `apiKey` header or query, `itemStart`/`itemLimit`, `{"status":"error"}`). */
export default defineApi({
  id: 'omnidesk',
  document,
  keys: apiKeys,
  defaultCount: defaultCustomerCount,
  createStore,
  authenticate,
  invalidRequest,
  counts: (store) => ({
    brands: store.brands.count(),
    customers: store.customers.count(),
    tickets: store.tickets.count(),
    events: store.events.count(),
  }),
  routes,
})
