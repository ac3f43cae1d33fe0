/**
 * The app's request against its operation: path and query parameters, documented headers,
 * credentials where the spec requires them, and the body (content type, then schema). Uses the
 * contract suite's spec reading and validator, never the mock's.
 */
import { parameterSchema } from '../contract/context.ts'
import { requiresAuth } from '../contract/credentials.ts'
import type { Schema, Spec, SpecOperation } from '../contract/spec.ts'
import { schemaErrors } from '../contract/validator.ts'
import { parseBody } from './parse-body.ts'
import type { Redactor } from './redact.ts'
import { show, violationsFromSchemaErrors, type Violation } from './violation.ts'

export interface ProxiedRequest {
  method: string
  /** The path below the target's base URL, e.g. `/customers/42`. */
  path: string
  query: URLSearchParams
  /** Lower-case names. */
  headers: Record<string, string | undefined>
  /** The body with its Content-Encoding undone; undefined when it cannot be (then it is not checked). */
  body: Uint8Array | undefined
}

/** `?a=1&a=2&b=3` → `{ a: ['1', '2'], b: '3' }` */
function queryObject(query: URLSearchParams): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {}
  for (const [name, value] of query) {
    const current = result[name]
    result[name] = current === undefined ? value : [current, value].flat()
  }
  return result
}

/** Whether the request carries what one of the security schemes asks for (the value is the vendor's to judge). */
function carries(scheme: Schema, request: ProxiedRequest): boolean {
  if (scheme.type === 'http') return new RegExp(`^${scheme.scheme}\\s`, 'i').test(request.headers.authorization ?? '')
  if (scheme.type === 'apiKey') {
    if (scheme.in === 'header') return request.headers[String(scheme.name).toLowerCase()] !== undefined
    if (scheme.in === 'query') return request.query.has(scheme.name)
    if (scheme.in === 'cookie') return new RegExp(`(^|;\\s*)${scheme.name}=`).test(request.headers.cookie ?? '')
  }
  // OAuth2 and OpenID Connect send a bearer token.
  return /^bearer\s/i.test(request.headers.authorization ?? '')
}

export async function checkRequest(spec: Spec, operation: SpecOperation, params: Record<string, string>, request: ProxiedRequest, redactor: Redactor): Promise<Violation[]> {
  const violations: Violation[] = []
  const redact = (pointer: string, value: unknown) => redactor.atPointer(pointer, value)

  const parameterViolations = (where: 'path' | 'query', value: Record<string, unknown>) =>
    violationsFromSchemaErrors(schemaErrors(parameterSchema(operation, where), value, { text: true }), value, 'request', where, redact).map((v) => ({
      ...v,
      kind: v.kind === 'missing-field' ? ('invalid-parameter' as const) : v.kind,
      documented: v.kind === 'missing-field' ? 'a required parameter' : v.documented,
      pointer: v.pointer.replace(/^\//, ''),
    }))
  violations.push(...parameterViolations('path', params), ...parameterViolations('query', queryObject(request.query)))

  for (const parameter of operation.parameters.filter((p) => p.in === 'header')) {
    const value = request.headers[parameter.name.toLowerCase()]
    if (value === undefined) {
      if (parameter.required) violations.push({ side: 'request', kind: 'missing-header', in: 'header', pointer: parameter.name, documented: 'a required header', received: '(absent)' })
    } else if (parameter.schema && schemaErrors(parameter.schema, value, { text: true }).length > 0) {
      violations.push({ side: 'request', kind: 'header-mismatch', in: 'header', pointer: parameter.name, documented: JSON.stringify(parameter.schema), received: show(redactor.header(parameter.name, value)) })
    }
  }

  if (requiresAuth(operation)) {
    const satisfied = operation.security.some((requirement) => Object.keys(requirement).every((name) => spec.securitySchemes[name] && carries(spec.securitySchemes[name]!, request)))
    if (!satisfied) {
      const documented = operation.security.map((requirement) => Object.keys(requirement).join(' + ')).join(' or ')
      violations.push({ side: 'request', kind: 'missing-credentials', in: 'header', pointer: 'authorization', documented: `credentials: ${documented}`, received: 'none' })
    }
  }

  const documented = operation.requestBody
  if (documented && request.body) {
    const contentType = request.headers['content-type']
    if (request.body.byteLength === 0) {
      if (documented.required) violations.push({ side: 'request', kind: 'missing-field', in: 'body', pointer: '', documented: `a ${Object.keys(documented.content).join(' or ')} body`, received: '(no body)' })
    } else {
      const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? ''
      const type = Object.keys(documented.content).find((t) => t.toLowerCase() === mediaType || t === '*/*')
      if (!type) {
        violations.push({ side: 'request', kind: 'content-type', in: 'content-type', pointer: '', documented: Object.keys(documented.content).join(', '), received: mediaType || '(none)' })
      } else {
        const parsed = await parseBody(request.body, contentType ?? type)
        if (!parsed.ok) {
          violations.push({ side: 'request', kind: 'malformed-body', in: 'body', pointer: '', documented: `a valid ${mediaType} body`, received: parsed.error })
        } else if (parsed.value !== undefined && documented.content[type]?.schema) {
          const errors = schemaErrors(documented.content[type]!.schema!, parsed.value, { text: parsed.textual })
          violations.push(...violationsFromSchemaErrors(errors, parsed.value, 'request', 'body', redact))
        }
      }
    }
  }
  return violations
}
