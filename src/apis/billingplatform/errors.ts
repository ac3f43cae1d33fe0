/**
 * billingplatform.uk errors, in Yii 2's REST shapes (the docs show none; specs/README.md B2):
 * an HTTP exception is `{"name", "message", "code", "status"}` (production mode: no trace), and a
 * model that fails validation is 422 with `[{"field", "message"}]`, the first error per field,
 * worded as Yii 2's validators word them, with the field's label: the docs' field name, which the
 * spec carries as each property's `title`.
 */
import type { Operation, SchemaObject } from '../../core/openapi-document.ts'
import type { RequestIssue } from '../../core/request-issue.ts'
import document from '../../generated/billingplatform-document.ts'

const statusNames: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
}

export function yiiError(status: number, message: string, init: ResponseInit = {}): Response {
  return Response.json({ name: statusNames[status] ?? 'Error', message, code: 0, status }, { ...init, status })
}

/** Yii 2's REST `findModel` wording for an unknown id. */
export const objectNotFound = (id: number) => yiiError(404, `Object not found: ${id}`)

export interface FieldError {
  field: string
  message: string
}

export function validationFailed(errors: FieldError[]): Response {
  return Response.json(errors, { status: 422 })
}

const ticketFields = document.components!.schemas!.TicketFields!.properties as Record<string, SchemaObject>
const fieldOrder = Object.keys(ticketFields)

/** The docs' name for a field ("Customer" for customerID), as Yii 2's attributeLabels give it. */
export function labelOf(field: string): string {
  return (ticketFields[field]?.title as string | undefined) ?? field
}

function fieldMessage(issue: RequestIssue, label: string): string {
  const p = issue.params
  switch (issue.keyword) {
    case 'required':
      return `${label} cannot be blank.`
    case 'type': {
      if (issue.data === null) return `${label} cannot be blank.`
      const expected = String(p.type).split(',')[0]
      if (expected === 'integer') return `${label} must be an integer.`
      if (expected === 'string') return `${label} must be a string.`
      return `${label} is invalid.`
    }
    case 'minLength':
      return p.limit === 1 ? `${label} cannot be blank.` : `${label} should contain at least ${p.limit} characters.`
    case 'maxLength':
      return `${label} should contain at most ${p.limit} characters.`
    case 'minimum':
      return `${label} must be no less than ${p.limit}.`
    case 'format':
      return p.format === 'email' ? `${label} is not a valid email address.` : `${label} is invalid.`
    case 'pattern':
      return `The format of ${label} is invalid.`
    default:
      return `${label} is invalid.`
  }
}

/** What a query parameter takes, in words, from its schema: for the 400 message. */
function expectation(schema: SchemaObject | undefined): string {
  if (schema?.type === 'integer') return `an integer of ${schema.minimum ?? 0} or more`
  if (schema?.type === 'boolean') return 'true or false'
  return 'a date or date-time such as 2025-01-01T00:00:00Z or 2025-01-01 00:00:00'
}

/** Yii 2's wording for a request parameter it cannot use, with what it expects. */
export function invalidParameter(operation: Operation, name: string, value: unknown): Response {
  const schema = operation.parameters.find((p) => p.name === name && p.in === 'query')?.schema
  return yiiError(400, `Invalid data received for parameter "${name}": expected ${expectation(schema)}, got ${JSON.stringify(value)}.`)
}

/** The fields a body must have, for an empty body (Yii 2 validates the model it could not load). */
function requiredFields(operation: Operation): string[] {
  const media = Object.values(operation.definition.requestBody?.content ?? {})[0]
  return (media?.schema?.required as string[] | undefined) ?? []
}

export function invalidRequest(issues: RequestIssue[], operation: Operation): Response {
  // Yii 2's REST routes take numeric ids only (`<id:\d[\d,]*>`): anything else is no route at all.
  if (issues.some((issue) => issue.in === 'path')) return yiiError(404, 'Page not found.')

  const query = issues.find((issue) => issue.in === 'query')
  if (query) return invalidParameter(operation, String(query.path[0]), query.data)

  const whole = issues.find((issue) => issue.in === 'body' && issue.path.length === 0)
  if (whole?.keyword === 'parse') return yiiError(400, 'Invalid JSON data in request body: Syntax error.')
  if (whole?.keyword === 'mediaType') {
    const { received, documented } = whole.params as { received: string; documented: string[] }
    return yiiError(415, `Content type ${received} is not supported: send ${documented.join(' or ')}.`)
  }
  if (whole?.keyword === 'missingBody') {
    return validationFailed(requiredFields(operation).map((field) => ({ field, message: `${labelOf(field)} cannot be blank.` })))
  }
  if (whole) return yiiError(400, 'Invalid JSON data in request body: send an object of ticket fields.')

  const byField = new Map<string, FieldError>()
  for (const issue of issues) {
    const field = String(issue.path[0])
    if (!byField.has(field)) byField.set(field, { field, message: fieldMessage(issue, labelOf(field)) })
  }
  const position = (error: FieldError) => fieldOrder.indexOf(error.field)
  return validationFailed([...byField.values()].sort((a, b) => position(a) - position(b)))
}
