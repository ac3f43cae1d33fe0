import { defineApi } from '../../core/define-api.ts'
import document from '../../generated/tomticket-document.ts'
import { apiKeys, authenticate } from './auth.ts'
import { invalidRequest } from './errors.ts'
import { routes } from './handlers/index.ts'
import { createStore, defaultCustomerCount } from './store.ts'

/** TomTicket API v2.0: Brazilian helpdesk, `{error, message, success, data}` envelope, form-data bodies, lookups by internal id or e-mail. */
export default defineApi({
  id: 'tomticket',
  document,
  keys: apiKeys,
  defaultCount: defaultCustomerCount,
  createStore,
  authenticate,
  invalidRequest,
  counts: (store) => ({ customers: store.customers.count(), organizations: store.organizations.count() }),
  routes,
})
