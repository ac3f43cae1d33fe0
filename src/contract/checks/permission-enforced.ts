/**
 * A credential must be refused (401/403) where the spec's security requirements ask for a scope
 * it lacks, and must not be refused where it holds them all.
 */
import type { Check } from './check.ts'
import { excerpt } from './documented-response.ts'

export const permissionEnforced: Check = ({ kind, response, description, operation }) => {
  if ((kind !== 'forbidden' && kind !== 'permitted') || response.status === 0) return undefined
  const refused = response.status === 401 || response.status === 403
  const needs = [...new Set(operation.security.flatMap((requirement) => Object.values(requirement).flat()))].join(' or ')
  if (kind === 'forbidden' && !refused) {
    return [
      {
        title: `Let ${description} through, though the operation needs ${needs}`,
        received: `${response.status} ${excerpt(response.text, 200)}`,
        documented: `401 or 403 without ${needs}`,
        severity: response.status < 300 ? 'critical' : 'high',
      },
    ]
  }
  if (kind === 'permitted' && refused) {
    return [{ title: `Refused ${description}, which holds ${needs}`, received: `${response.status} ${excerpt(response.text, 200)}`, documented: `not 401/403 with ${needs}`, severity: 'high' }]
  }
  return []
}
