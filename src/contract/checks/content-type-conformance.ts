/** The Content-Type must be one documented for the status; a documented empty response has no body. */
import type { Check } from './check.ts'
import { documentedResponse, excerpt, mediaTypeOf } from './documented-response.ts'

export const contentTypeConformance: Check = ({ operation, response }) => {
  const documented = documentedResponse(operation, response.status)
  if (!documented) return undefined
  const types = Object.keys(documented.content ?? {})
  if (types.length === 0) {
    if (response.text === '') return []
    return [{ title: `A ${response.status} documented without a body has one`, received: excerpt(response.text, 200), documented: 'no body', severity: 'medium' }]
  }
  const received = mediaTypeOf(response.headers)
  if (types.some((type) => type.toLowerCase() === received || type === '*/*')) return []
  return [{ title: `Undocumented Content-Type for ${response.status}`, received: received || '(none)', documented: types.join(', '), severity: 'medium' }]
}
