/** The status must be one the operation documents. */
import type { Check } from './check.ts'
import { documentedResponse, documentedStatuses, excerpt } from './documented-response.ts'

export const statusCodeConformance: Check = ({ operation, response }) => {
  if (response.status === 0) return undefined
  if (documentedResponse(operation, response.status)) return []
  return [
    {
      title: `Undocumented status ${response.status}`,
      received: `${response.status} ${excerpt(response.text, 200)}`,
      documented: documentedStatuses(operation),
      severity: 'high',
    },
  ]
}
