/**
 * A request about a record that cannot exist (a well-formed id no record has) must get the
 * documented not-found status: 404 (or 410) where the operation documents it, else another
 * documented 4xx. A success status, even with an error envelope in the body, is a fault. An
 * operation that documents no refusal but auth and rate limits (an existence check answering
 * `exists: false`) is not judged.
 */
import type { Check } from './check.ts'
import { documentedResponse, documentedStatuses, excerpt } from './documented-response.ts'

export const unknownResource: Check = ({ kind, response, operation, description }) => {
  if (kind !== 'unknown-id' || response.status === 0) return undefined
  if (!Object.keys(operation.responses).some((status) => /^4/.test(status) && !['401', '403', '429'].includes(status))) return undefined
  const notFound = ['404', '410'].filter((status) => operation.responses[status])
  const expected = notFound.length > 0 ? notFound.join(' or ') : `a documented 4xx (documented: ${documentedStatuses(operation)})`
  const ok = notFound.length > 0 ? notFound.includes(String(response.status)) : response.status >= 400 && response.status < 500 && documentedResponse(operation, response.status) !== undefined
  if (ok) return []
  return [
    {
      title: response.status < 300 ? `Answered ${response.status} about a record that does not exist (${description})` : `Answered ${response.status}, not ${expected}, about a record that does not exist (${description})`,
      received: `${response.status} ${excerpt(response.text, 200)}`,
      documented: expected,
      severity: response.status < 300 ? 'high' : 'medium',
    },
  ]
}
