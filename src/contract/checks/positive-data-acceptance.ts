/** A request built to the spec, about data that exists, must succeed (2xx). */
import type { Check } from './check.ts'
import { excerpt } from './documented-response.ts'

export const positiveDataAcceptance: Check = ({ kind, response, description }) => {
  if (kind !== 'valid' || response.status === 0) return undefined
  if (response.status >= 200 && response.status < 300) return []
  return [{ title: `Rejected a valid request (${description})`, received: `${response.status} ${excerpt(response.text, 300)}`, documented: 'a 2xx', severity: 'medium' }]
}
