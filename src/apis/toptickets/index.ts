import { defineApi } from '../../core/define-api.ts'
import document from '../../generated/toptickets-document.ts'
import { apiKeys, authenticate } from './auth.ts'
import { invalidRequest } from './errors.ts'
import { routes } from './handlers/index.ts'
import { prepareBody } from './input.ts'
import { createStore, defaultCustomerCount } from './store.ts'
import { rateLimit } from './rate-limit.ts'

/** TopTickets: FastAPI-style customers API (bare arrays, skip/limit, `{"detail"}` errors, scoped Bearer keys). */
export default defineApi({
  id: 'toptickets',
  document,
  keys: apiKeys,
  defaultCount: defaultCustomerCount,
  createStore,
  authenticate,
  prepareBody,
  invalidRequest,
  counts: (store) => ({ customers: store.customers.count() }),
  rateLimit,
  routes,
})
