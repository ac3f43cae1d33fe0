import { defineApi } from '../../core/define-api.ts'
import document from '../../generated/ticketsource-document.ts'
import { apiKeys, authenticate } from './auth.ts'
import { bindPath } from './bindings.ts'
import { invalidRequest } from './errors.ts'
import { routes } from './handlers/index.ts'
import { prepareBody } from './input.ts'
import { createStore, defaultCustomerCount } from './store.ts'
import { rateLimit } from './rate-limit.ts'

/** TicketSource: JSON:API-like customers and notes on Laravel (simple pagination, `{"message"}` errors, Basic or Bearer keys). */
export default defineApi({
  id: 'ticketsource',
  document,
  keys: apiKeys,
  defaultCount: defaultCustomerCount,
  createStore,
  authenticate,
  bindPath,
  prepareBody,
  invalidRequest,
  counts: (store) => ({ customers: store.customers.count(), notes: store.notes.count() }),
  rateLimit,
  routes,
})
