/** A request that breaks the spec must be rejected with a documented 4xx. */
import type { Check } from './check.ts'
import { documentedResponse, documentedStatuses, excerpt } from './documented-response.ts'

export const negativeDataRejection: Check = ({ kind, response, operation, description }) => {
  if (kind !== 'invalid' || response.status === 0) return undefined
  if (response.status >= 400 && response.status < 500 && documentedResponse(operation, response.status)) return []
  return [
    {
      title: response.status < 400 ? `Accepted invalid input (${description})` : `Rejected invalid input (${description}) with ${response.status}`,
      received: `${response.status} ${excerpt(response.text, 200)}`,
      documented: `a documented 4xx (documented: ${documentedStatuses(operation)})`,
      severity: response.status < 400 ? 'high' : 'medium',
    },
  ]
}
