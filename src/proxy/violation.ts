/**
 * One way an exchange leaves the spec, as the proxy logs it, reports it with `--errors`, and
 * counts it in the drift report. `pointer` is a JSON pointer into the body (or the parameter or
 * header name for those); `received` is always redacted before it gets here.
 */
import type { ErrorObject } from 'ajv'

export type ViolationKind =
  /** No operation of the spec has this method and path. */
  | 'undocumented-operation'
  | 'undocumented-status'
  | 'content-type'
  /** A documented body field is absent though the schema requires it. */
  | 'missing-field'
  /** A field the schema does not document (and forbids). */
  | 'undocumented-field'
  | 'type-mismatch'
  | 'format-mismatch'
  /** Any other schema keyword: enum, pattern, minimum, maxLength, ... */
  | 'value-mismatch'
  | 'missing-header'
  | 'header-mismatch'
  | 'invalid-parameter'
  | 'missing-credentials'
  | 'malformed-body'

export interface Violation {
  /** Whose fault: the app's request or the vendor's response. */
  side: 'request' | 'response'
  kind: ViolationKind
  /** Where: `body`, `query`, `path`, `header`, `status` or `content-type`. */
  in: 'body' | 'query' | 'path' | 'header' | 'status' | 'content-type' | 'operation'
  /** A JSON pointer into the body (`/0/email`), or the parameter or header name. */
  pointer: string
  /** What the spec documents there. */
  documented: string
  /** What was received there, redacted. */
  received: string
}

/** A value shortened for a log line or a report: JSON, at most `length` characters. */
export function show(value: unknown, length = 120): string {
  const text = value === undefined ? '(absent)' : typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value)
  return text.length > length ? `${text.slice(0, length)}…` : text
}

/** The value at a JSON pointer, or undefined. */
export function at(value: unknown, pointer: string): unknown {
  if (pointer === '') return value
  let current = value
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

const escape = (key: string) => (/[~/]/.test(key) ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key)
export const child = (pointer: string, key: string | number) => `${pointer}/${escape(String(key))}`

const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value)

/**
 * ajv's errors as violations. `redact(pointer, value)` masks the received value; ajv's wrappers
 * (`anyOf`, `oneOf`, `if`) are dropped when a more precise error names the same place.
 */
export function violationsFromSchemaErrors(
  errors: ErrorObject[],
  value: unknown,
  side: Violation['side'],
  where: Violation['in'],
  redact: (pointer: string, value: unknown) => unknown,
): Violation[] {
  const precise = errors.filter((e) => !['anyOf', 'oneOf', 'if', 'allOf', 'not'].includes(e.keyword))
  const chosen = precise.length > 0 ? precise : errors
  const seen = new Set<string>()
  const violations: Violation[] = []
  for (const error of chosen) {
    const params = error.params as Record<string, unknown>
    let violation: Violation
    if (error.keyword === 'required') {
      const pointer = child(error.instancePath, String(params.missingProperty))
      violation = { side, kind: 'missing-field', in: where, pointer, documented: 'a required field', received: '(absent)' }
    } else if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
      const name = String(params.additionalProperty ?? params.unevaluatedProperty)
      const pointer = child(error.instancePath, name)
      violation = { side, kind: 'undocumented-field', in: where, pointer, documented: 'no such field', received: show(redact(pointer, at(value, pointer))) }
    } else {
      const received = at(value, error.instancePath)
      const kind = error.keyword === 'type' ? 'type-mismatch' : error.keyword === 'format' ? 'format-mismatch' : 'value-mismatch'
      const documented =
        error.keyword === 'type'
          ? `type ${[params.type].flat().join(' or ')}`
          : error.keyword === 'format'
            ? `format ${params.format}`
            : error.keyword === 'enum'
              ? `one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
              : `${error.keyword} ${error.message ?? ''}`.trim()
      const shown = show(redact(error.instancePath, received))
      violation = { side, kind, in: where, pointer: error.instancePath, documented, received: kind === 'type-mismatch' ? `${typeOf(received)} ${shown}` : shown }
    }
    const key = `${violation.kind} ${violation.pointer}`
    if (seen.has(key)) continue
    seen.add(key)
    violations.push(violation)
  }
  return violations
}

/** One line per violation, for the log. */
export const describeViolation = (v: Violation) =>
  `${v.side} ${v.kind} at ${v.in}${v.pointer && v.in !== 'status' && v.in !== 'content-type' ? ` ${v.pointer}` : ''}: documented ${v.documented}, received ${v.received}`
