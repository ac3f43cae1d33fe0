import { defineApi } from '../../core/define-api.ts'
import document from '../../generated/billingplatform-document.ts'
import { apiKeys, authenticate } from './auth.ts'
import { invalidRequest } from './errors.ts'
import { routes } from './handlers/index.ts'
import { prepareBody } from './input.ts'
import { createStore, defaultTicketCount } from './store.ts'
import { rateLimit } from './rate-limit.ts'

/** billingplatform.uk: Yii 2-style tickets API (bare arrays, `idAfter` keyset filters, `{name, message, code, status}` errors, Bearer keys). */
export default defineApi({
  id: 'billingplatform',
  document,
  keys: apiKeys,
  defaultCount: defaultTicketCount,
  createStore,
  authenticate,
  prepareBody,
  invalidRequest,
  counts: (store) => ({ customers: store.customers.count(), tickets: store.tickets.count() }),
  rateLimit,
  routes,
})
