/**
 * TopTickets errors, FastAPI style: `{"detail": "<message>"}`, and for validation failures 422
 * with `{"detail": [{"loc", "msg", "type", "ctx"?}]}` worded as pydantic v1 words them (the
 * wording the docs show, e.g. "field required" / "value_error.missing").
 */
import type { RequestIssue } from '../../core/request-issue.ts'
import { isFlag, writableField } from './input.ts'

export function detail(status: number, message: string, init: ResponseInit = {}): Response {
  return Response.json({ detail: message }, { ...init, status })
}

interface ValidationError {
  loc: Array<string | number>
  msg: string
  type: string
  ctx?: Record<string, unknown>
}

const typeErrors: Record<string, [msg: string, type: string]> = {
  string: ['str type expected', 'type_error.str'],
  integer: ['value is not a valid integer', 'type_error.integer'],
  number: ['value is not a valid float', 'type_error.float'],
  boolean: ['value could not be parsed to a boolean', 'type_error.bool'],
  object: ['value is not a valid dict', 'type_error.dict'],
  array: ['value is not a valid list', 'type_error.list'],
}

const formatErrors: Record<string, [msg: string, type: string]> = {
  email: ['value is not a valid email address', 'value_error.email'],
  uuid: ['value is not a valid uuid', 'type_error.uuid'],
  uri: ['invalid or missing URL scheme', 'value_error.url.scheme'],
  'date-time': ['invalid datetime format', 'value_error.datetime'],
}

/** One issue in pydantic v1's words. */
function toValidationError(issue: RequestIssue): ValidationError {
  const loc = [issue.in, ...issue.path]
  const p = issue.params
  // A bool field's schema lists what pydantic takes by type, pattern and range; any miss is one error.
  if (issue.in === 'body' && issue.path.length === 1 && isFlag(writableField(String(issue.path[0])))) {
    if (issue.data === null) return { loc, msg: 'none is not an allowed value', type: 'type_error.none.not_allowed' }
    return { loc, msg: 'value could not be parsed to a boolean', type: 'type_error.bool' }
  }
  switch (issue.keyword) {
    case 'parse': {
      const { position, line, column, source } = p as { position: number; line: number; column: number; source: string }
      return {
        loc: ['body', position],
        msg: `Expecting value: line ${line} column ${column} (char ${position})`,
        type: 'value_error.jsondecode',
        ctx: { msg: 'Expecting value', doc: source, pos: position, lineno: line, colno: column },
      }
    }
    case 'mediaType':
      // FastAPI only parses JSON bodies; anything else reaches pydantic as bytes.
      return { loc: ['body'], msg: 'value is not a valid dict', type: 'type_error.dict' }
    case 'missingBody':
    case 'required':
      return { loc, msg: 'field required', type: 'value_error.missing' }
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return { loc, msg: 'extra fields not permitted', type: 'value_error.extra' }
    case 'type': {
      if (issue.data === null) return { loc, msg: 'none is not an allowed value', type: 'type_error.none.not_allowed' }
      const expected = String(p.type).split(',')[0]!
      const [msg, type] = typeErrors[expected] ?? ['value is not valid', 'type_error']
      return { loc, msg, type }
    }
    case 'enum': {
      const values = (p.allowedValues as unknown[]).filter((value) => value !== null)
      return {
        loc,
        msg: `value is not a valid enumeration member; permitted: ${values.map((v) => `'${v}'`).join(', ')}`,
        type: 'type_error.enum',
        ctx: { enum_values: values },
      }
    }
    case 'maxLength':
      return { loc, msg: `ensure this value has at most ${p.limit} characters`, type: 'value_error.any_str.max_length', ctx: { limit_value: p.limit } }
    case 'minLength':
      return { loc, msg: `ensure this value has at least ${p.limit} characters`, type: 'value_error.any_str.min_length', ctx: { limit_value: p.limit } }
    case 'maximum':
      return { loc, msg: `ensure this value is less than or equal to ${p.limit}`, type: 'value_error.number.not_le', ctx: { limit_value: p.limit } }
    case 'minimum':
      return { loc, msg: `ensure this value is greater than or equal to ${p.limit}`, type: 'value_error.number.not_ge', ctx: { limit_value: p.limit } }
    case 'format': {
      const [msg, type] = formatErrors[String(p.format)] ?? [`value is not a valid ${p.format}`, 'value_error']
      return { loc, msg, type }
    }
    case 'pattern':
      return { loc, msg: `string does not match regex "${p.pattern}"`, type: 'value_error.str.regex', ctx: { pattern: p.pattern } }
    default:
      return { loc, msg: issue.message, type: `value_error.${issue.keyword}` }
  }
}

export function invalidRequest(issues: RequestIssue[]): Response {
  return Response.json({ detail: issues.map(toValidationError) }, { status: 422 })
}
