/**
 * The vendor's response against the operation: a documented status, a documented content type
 * (no body where none is documented), the documented required headers, and the body against its
 * schema. The rules are the contract suite's checks, applied to traffic the proxy did not make up.
 */
import { documentedResponse, documentedStatuses } from '../contract/checks/documented-response.ts'
import type { ResponseSpec, Schema, SpecOperation } from '../contract/spec.ts'
import { schemaErrors } from '../contract/validator.ts'
import { observeFields, type FieldObservation } from './field-walk.ts'
import { parseBody } from './parse-body.ts'
import type { Redactor } from './redact.ts'
import { show, violationsFromSchemaErrors, type Violation } from './violation.ts'

export interface ProxiedResponse {
  status: number
  /** Lower-case names. */
  headers: Record<string, string | undefined>
  /** The decoded body (content-encoding undone); undefined when it is not checked (too large, a HEAD answer). */
  body: Uint8Array | undefined
}

export interface ResponseCheck {
  violations: Violation[]
  /** What the body held, for the drift report (JSON bodies with a documented schema only). */
  fields?: FieldObservation
  documented?: ResponseSpec
  /** The parsed body, for recording and seeding. */
  json?: unknown
}

export async function checkResponse(operation: SpecOperation, response: ProxiedResponse, redactor: Redactor): Promise<ResponseCheck> {
  const violations: Violation[] = []
  const documented = documentedResponse(operation, response.status)
  if (!documented) {
    violations.push({ side: 'response', kind: 'undocumented-status', in: 'status', pointer: '', documented: documentedStatuses(operation), received: String(response.status) })
    return { violations }
  }

  for (const [name, header] of Object.entries(documented.headers ?? {})) {
    const value = response.headers[name.toLowerCase()]
    if (value === undefined) {
      if (header.required) violations.push({ side: 'response', kind: 'missing-header', in: 'header', pointer: name, documented: 'a required header', received: '(absent)' })
    } else if (header.schema && schemaErrors(header.schema, value, { text: true }).length > 0) {
      violations.push({ side: 'response', kind: 'header-mismatch', in: 'header', pointer: name, documented: JSON.stringify(header.schema), received: show(redactor.header(name, value)) })
    }
  }

  const types = Object.keys(documented.content ?? {})
  const contentType = response.headers['content-type'] ?? ''
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase()
  const size = response.body?.byteLength
  if (types.length === 0) {
    if (size !== undefined && size > 0) violations.push({ side: 'response', kind: 'content-type', in: 'content-type', pointer: '', documented: 'no body', received: mediaType || `a ${size}-byte body` })
    return { violations, documented }
  }
  if (size === 0 && (response.status === 204 || response.status === 304)) return { violations, documented }
  const type = types.find((t) => t.toLowerCase() === mediaType || t === '*/*')
  if (!type) {
    violations.push({ side: 'response', kind: 'content-type', in: 'content-type', pointer: '', documented: types.join(', '), received: mediaType || '(none)' })
    return { violations, documented }
  }
  const schema: Schema | undefined = documented.content![type]!.schema
  if (!schema || !response.body) return { violations, documented }
  const parsed = await parseBody(response.body, contentType)
  if (!parsed.ok) {
    violations.push({ side: 'response', kind: 'malformed-body', in: 'body', pointer: '', documented: `a ${mediaType} body`, received: parsed.error })
    return { violations, documented }
  }
  if (parsed.value === undefined) return { violations, documented }
  const errors = schemaErrors(schema, parsed.value, { text: parsed.textual })
  violations.push(...violationsFromSchemaErrors(errors, parsed.value, 'response', 'body', (pointer, value) => redactor.atPointer(pointer, value)))
  return { violations, documented, fields: observeFields(schema, parsed.value), json: parsed.value }
}
