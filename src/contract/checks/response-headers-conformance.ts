/** Headers the response documents as required must be present and match their schema (e.g. Retry-After on 429). */
import { schemaErrors } from '../validator.ts'
import type { Check } from './check.ts'
import { documentedResponse } from './documented-response.ts'

export const responseHeadersConformance: Check = ({ operation, response }) => {
  const headers = Object.entries(documentedResponse(operation, response.status)?.headers ?? {})
  if (headers.length === 0) return undefined
  const failures: NonNullable<ReturnType<Check>> = []
  for (const [name, header] of headers) {
    const value = response.headers.get(name)
    if (value === null) {
      if (header.required) failures.push({ title: `Missing header ${name}`, received: 'no such header', documented: `${name} (required)`, severity: 'medium' })
    } else if (header.schema && schemaErrors(header.schema, value, { text: true }).length > 0) {
      failures.push({ title: `Header ${name} does not match its schema`, received: `${name}: ${value}`, documented: JSON.stringify(header.schema), severity: 'medium' })
    }
  }
  return failures
}
