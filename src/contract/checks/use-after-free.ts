/** A resource the server just deleted must be gone: 404 or 410, never its data. */
import type { Check } from './check.ts'
import { excerpt } from './documented-response.ts'

export const useAfterFree: Check = ({ kind, response }) => {
  if (kind !== 'read-after-delete' || response.status === 0) return undefined
  if (response.status === 404 || response.status === 410) return []
  return [
    {
      title: response.status < 300 ? 'A deleted resource is still served' : `A deleted resource answers ${response.status}, not 404/410`,
      received: `${response.status} ${excerpt(response.text, 200)}`,
      documented: '404 or 410 after a successful delete',
      severity: response.status < 300 ? 'critical' : 'medium',
    },
  ]
}
