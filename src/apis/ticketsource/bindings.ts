/**
 * Laravel's route model binding: `{customer_id}` and `{note_id}` are looked up before the request
 * is validated, so an unknown id is 404 whatever the body or query says. Notes are scoped to
 * their customer: another customer's note id is as unknown as a made-up one.
 */
import type { PathBindingContext } from '../../core/define-api.ts'
import { message, modelNotFound } from './errors.ts'
import type { Store } from './store.ts'

export function bindPath({ params, store }: PathBindingContext<Store>): Response | undefined {
  const customerId = params.customer_id
  if (typeof customerId !== 'string') return undefined
  if (!store.customers.get(customerId)) return message(404, modelNotFound('Customer', customerId))
  const noteId = params.note_id
  if (typeof noteId !== 'string') return undefined
  if (store.notes.get(noteId)?.customer_id !== customerId) return message(404, modelNotFound('CustomerNote', noteId))
  return undefined
}
