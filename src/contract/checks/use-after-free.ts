/**
 * A resource the server just deleted must be gone: any 4xx (404 and 410 usually; some vendors
 * answer a missing record with 400), never its data and never a server error.
 */
import type { Check } from './check.ts'
import { excerpt } from './documented-response.ts'

export const useAfterFree: Check = ({ kind, response }) => {
  if (kind !== 'read-after-delete' || response.status === 0) return undefined
  if (response.status >= 400 && response.status < 500) return []
  return [
    {
      title: response.status < 300 ? 'A deleted resource is still served' : `A deleted resource answers ${response.status}`,
      received: `${response.status} ${excerpt(response.text, 200)}`,
      documented: 'a 4xx (404 or 410) after a successful delete',
      severity: response.status < 300 ? 'critical' : 'medium',
    },
  ]
}
