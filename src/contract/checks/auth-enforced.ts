/** Without credentials, or with wrong ones, the server must refuse with 401 or 403, never serve data. */
import type { Check } from './check.ts'
import { documentedStatuses, excerpt } from './documented-response.ts'

export const authEnforced: Check = ({ kind, response, operation }) => {
  if (kind !== 'no-auth' && kind !== 'wrong-auth') return undefined
  if (response.status === 401 || response.status === 403) return []
  const what = kind === 'no-auth' ? 'without credentials' : 'with wrong credentials'
  return [
    {
      title: response.status < 300 ? `Served a ${response.status} ${what}` : `Answered ${response.status} ${what}, not 401/403`,
      received: `${response.status} ${excerpt(response.text, 200)}`,
      documented: `401 or 403 (documented: ${documentedStatuses(operation)})`,
      severity: response.status < 300 ? 'critical' : 'high',
    },
  ]
}
