/** A resource the server just created must be readable through the link the spec declares. */
import type { Check } from './check.ts'
import { excerpt } from './documented-response.ts'

export const resourceAvailability: Check = ({ kind, response }) => {
  if (kind !== 'read-after-create' || response.status === 0) return undefined
  if (response.status >= 200 && response.status < 300) return []
  return [{ title: 'A created resource cannot be read', received: `${response.status} ${excerpt(response.text, 200)}`, documented: 'a 2xx for the resource just created', severity: 'high' }]
}
