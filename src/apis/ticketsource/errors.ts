/**
 * TicketSource errors, as a Laravel app answers by default (the docs show none): `{"message"}`
 * for 401/404/429/500, and for validation failures 422 with
 * `{"message": <first error> (and N more errors), "errors": {<field.in.dot.notation>: [...]}}`,
 * worded as Laravel's `lang/en/validation.php` words its rules.
 */
import type { Operation, SchemaObject } from '../../core/openapi-document.ts'
import type { RequestIssue } from '../../core/request-issue.ts'
import type { components } from '../../generated/ticketsource.ts'

type ValidationErrors = components['schemas']['ValidationErrors']

export const unauthenticated = { message: 'Unauthenticated.' }

/** What route model binding answers for an id that matches nothing. */
export function modelNotFound(model: 'Customer' | 'CustomerNote', id: string) {
  return { message: `No query results for model [App\\Models\\${model}] ${id}` }
}

export function message(status: number, body: { message: string }): Response {
  return Response.json(body, { status })
}

// Request-body schemas, walked the way Laravel reads its flat `data.attributes.email` rules.

const propertiesOf = (schema: SchemaObject | undefined): Record<string, SchemaObject> =>
  Object.assign({}, ...[schema, ...((schema?.allOf as SchemaObject[] | undefined) ?? [])].map((s) => s?.properties ?? {}))

const requiredOf = (schema: SchemaObject | undefined): string[] =>
  [schema, ...((schema?.allOf as SchemaObject[] | undefined) ?? [])].flatMap((s) => (s?.required as string[] | undefined) ?? [])

const schemaAt = (root: SchemaObject | undefined, path: RequestIssue['path']) =>
  path.reduce<SchemaObject | undefined>((schema, segment) => propertiesOf(schema)[segment], root)

/**
 * A missing field as Laravel sees it: its `required` rule fails, and so does the rule of every
 * required field beneath it, since each dot-notation rule is checked on its own.
 */
function missing(root: SchemaObject | undefined, path: RequestIssue['path']): RequestIssue[] {
  const issue: RequestIssue = { in: 'body', path, keyword: 'required', params: {}, message: 'is required' }
  return [issue, ...requiredOf(schemaAt(root, path)).flatMap((name) => missing(root, [...path, name]))]
}

/** Laravel reads a body it cannot parse as JSON (or no body) as no input at all. */
const noInput = (issue: RequestIssue) =>
  ['parse', 'mediaType', 'missingBody'].includes(issue.keyword) || (issue.in === 'body' && issue.path.length === 0 && issue.keyword === 'type')

/** Where a field's rule sits in the rule list: query parameters first, then the body in schema order. */
function position(issue: RequestIssue, operation: Operation, root: SchemaObject | undefined): number[] {
  if (issue.in !== 'body') return [0, operation.parameters.findIndex((p) => p.name === issue.path[0])]
  const indices = [1]
  let schema = root
  for (const segment of issue.path) {
    const names = Object.keys(propertiesOf(schema))
    const index = names.indexOf(String(segment))
    indices.push(index === -1 ? names.length : index)
    schema = propertiesOf(schema)[segment]
  }
  return indices
}

const compare = (a: number[], b: number[]) => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}

/**
 * How a message names a field: `per_page` → "per page"; the JSON:API envelope is not named, so
 * `data.attributes.address.line_1` → "address line 1" and `data.type` → "type", as a
 * FormRequest's `attributes()` would name them.
 */
function attributeName({ in: location, path }: RequestIssue): string {
  let segments = path
  if (location === 'body' && segments[0] === 'data' && segments.length > 1) segments = segments.slice(1)
  if (location === 'body' && segments[0] === 'attributes' && segments.length > 1 && path[0] === 'data') segments = segments.slice(1)
  return segments.join(' ').replace(/_/g, ' ')
}

const typeRules: Record<string, string> = {
  string: 'field must be a string.',
  integer: 'field must be an integer.',
  number: 'field must be a number.',
  boolean: 'field must be true or false.',
  object: 'field must be an array.', // PHP decodes JSON objects to arrays, and Laravel says so
  array: 'field must be an array.',
}

const formatRules: Record<string, string> = {
  email: 'field must be a valid email address.',
  date: 'field must match the format Y-m-d.',
  'date-time': 'field must be a valid date.',
  uri: 'field must be a valid URL.',
}

/** One issue in Laravel's words. */
function describe(issue: RequestIssue): string {
  const attribute = attributeName(issue)
  const required = `The ${attribute} field is required.`
  const p = issue.params
  switch (issue.keyword) {
    case 'required':
      return required
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return `The ${attribute} field is prohibited.`
    case 'const':
    case 'enum':
      // The spec's BooleanInput lists what Laravel's `boolean` rule takes.
      if ((p.allowedValues as unknown[] | undefined)?.includes(true)) return `The ${attribute} ${typeRules.boolean}`
      // Laravel's `required` fails on null (and on "", which it has turned into null) and stops there.
      return issue.data === null ? required : `The selected ${attribute} is invalid.`
    case 'type': {
      const expected = String(p.type).split(',')[0]!
      if (issue.data === null && expected === 'string') return required
      return `The ${attribute} ${typeRules[expected] ?? 'field is invalid.'}`
    }
    case 'minLength':
      return p.limit === 1 ? required : `The ${attribute} field must be at least ${p.limit} characters.`
    case 'maxLength':
      return `The ${attribute} field must not be greater than ${p.limit} characters.`
    case 'minimum':
      return `The ${attribute} field must be at least ${p.limit}.`
    case 'maximum':
      return `The ${attribute} field must not be greater than ${p.limit}.`
    case 'format':
      return `The ${attribute} ${formatRules[String(p.format)] ?? 'field format is invalid.'}`
    case 'pattern':
      return `The ${attribute} field format is invalid.`
    default:
      return `The ${attribute} field is invalid.`
  }
}

/** Laravel's `ValidationException::summarize`: the first message, and how many more there are. */
function summarize(messages: string[]): string {
  const more = messages.length - 1
  return more === 0 ? messages[0]! : `${messages[0]} (and ${more} more ${more === 1 ? 'error' : 'errors'})`
}

/** The 422 body for these issues, in the order Laravel would list them. */
export function validationErrors(issues: RequestIssue[], operation: Operation): ValidationErrors {
  const root = operation.definition.requestBody?.content['application/json']?.schema
  const expanded = issues.some(noInput)
    ? [...issues.filter((issue) => issue.in !== 'body'), ...missing(root, []).slice(1)]
    : issues.flatMap((issue) => (issue.keyword === 'required' && issue.in === 'body' ? missing(root, issue.path) : [issue]))
  const ordered = expanded
    .map((issue, index) => ({ issue, index, at: position(issue, operation, root) }))
    .sort((a, b) => compare(a.at, b.at) || a.index - b.index)

  // A Map, not an object: a field may be named `constructor` or `toString`.
  const errors = new Map<string, string[]>()
  for (const { issue } of ordered) {
    const field = issue.path.join('.')
    const text = describe(issue)
    const list = errors.get(field) ?? errors.set(field, []).get(field)!
    if (!list.includes(text)) list.push(text)
  }
  return { message: summarize([...errors.values()].flat()), errors: Object.fromEntries(errors) }
}

export function invalidRequest(issues: RequestIssue[], operation: Operation): Response {
  return Response.json(validationErrors(issues, operation), { status: 422 })
}
