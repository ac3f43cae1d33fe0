/**
 * Validates a request's path, query, headers and body against its operation in the spec and
 * returns the typed, coerced values (with the spec's defaults applied) or the list of issues.
 */
import type { Operation, ParameterObject, SchemaObject } from './openapi-document.ts'
import { compileSchema, type ErrorObject } from './json-schema.ts'
import { pointerToPath, type RequestIssue, type RequestLocation } from './request-issue.ts'
import { isJson } from './request-body.ts'

export interface RequestInput {
  params: Record<string, string | readonly string[] | undefined>
  searchParams: URLSearchParams
  headers: Headers
  /** The parsed body, its documented media type, and whether its values came as text (forms). */
  body?: { value: unknown; mediaType: string; textual: boolean }
}

export interface ValidRequest {
  params: Record<string, unknown>
  query: Record<string, unknown>
  headers: Record<string, unknown>
  body: unknown
}

export type ValidationResult = { ok: true; value: ValidRequest } | { ok: false; issues: RequestIssue[] }

/** Keywords that only summarize failures already reported by their branches. */
const summaryKeywords = new Set(['anyOf', 'oneOf', 'allOf', 'if', 'not'])

/** ajv's errors as request issues, without the summaries and duplicates unions add. */
export function toIssues(errors: ErrorObject[] | null | undefined, location: RequestLocation): RequestIssue[] {
  const issues: RequestIssue[] = []
  const seen = new Set<string>()
  for (const error of errors ?? []) {
    if (summaryKeywords.has(error.keyword) && errors!.length > 1) continue
    const path = pointerToPath(error.instancePath)
    const extra =
      error.keyword === 'required' ? error.params.missingProperty
      : error.keyword === 'additionalProperties' ? error.params.additionalProperty
      : error.keyword === 'unevaluatedProperties' ? error.params.unevaluatedProperty
      : undefined
    if (extra !== undefined) path.push(extra as string)
    const key = `${path.join('.')}|${error.keyword}`
    if (seen.has(key)) continue
    seen.add(key)
    issues.push({
      in: location,
      path,
      keyword: error.keyword,
      params: error.params as Record<string, unknown>,
      data: error.keyword === 'required' ? undefined : error.data,
      message: error.message ?? 'is invalid',
    })
  }
  return issues
}

function objectSchema(parameters: ParameterObject[]): SchemaObject {
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema ?? {}])),
    required: parameters.filter((p) => p.required).map((p) => p.name),
  }
}

const isArraySchema = (schema: SchemaObject | undefined) =>
  schema?.type === 'array' || (Array.isArray(schema?.type) && schema.type.includes('array'))

/**
 * Every schema an operation's requests are validated with, and whether its values are coerced
 * from text: the validator below uses these, and `npm run generate` precompiles them.
 */
export function requestSchemas(operation: Operation) {
  const byLocation = (location: ParameterObject['in']) => operation.parameters.filter((p) => p.in === location)
  const bodyContent = operation.definition.requestBody?.content ?? {}
  return {
    path: { parameters: byLocation('path'), schema: objectSchema(byLocation('path')), coerce: true },
    query: { parameters: byLocation('query'), schema: objectSchema(byLocation('query')), coerce: true },
    header: { parameters: byLocation('header'), schema: objectSchema(byLocation('header')), coerce: true },
    // A JSON body keeps its types; a form's or text body's values arrive as text (request-body.ts).
    bodies: Object.entries(bodyContent).flatMap(([mediaType, media]) => (media.schema ? [{ mediaType, schema: media.schema, coerce: !isJson(mediaType) }] : [])),
  }
}

/**
 * Builds the validator for one operation. Its validators are looked up on the first request, not
 * at start-up: a server mounts every operation of every API, and most are never called in a session.
 */
export function createRequestValidator(operation: Operation) {
  const schemas = requestSchemas(operation)
  const pathParams = schemas.path.parameters
  const queryParams = schemas.query.parameters
  const headerParams = schemas.header.parameters
  const pathSchema = schemas.path.schema
  const querySchema = schemas.query.schema
  const headerSchema = schemas.header.schema
  const bodyContent = operation.definition.requestBody?.content ?? {}

  return function validateRequest(input: RequestInput): ValidationResult {
    const issues: RequestIssue[] = []
    // compileSchema caches by schema identity, so after the first request these are map lookups.
    const validatePath = compileSchema(pathSchema, { coerce: true })
    const validateQuery = compileSchema(querySchema, { coerce: true })
    const validateHeaders = compileSchema(headerSchema, { coerce: true })

    const params: Record<string, unknown> = {}
    for (const p of pathParams) params[p.name] = input.params[p.name]
    if (!validatePath(params)) issues.push(...toIssues(validatePath.errors, 'path'))

    const query: Record<string, unknown> = {}
    for (const p of queryParams) {
      if (!input.searchParams.has(p.name)) continue
      // A repeated scalar takes its last value, as PHP's $_GET and Starlette's query_params do (every vendor here).
      query[p.name] = isArraySchema(p.schema) ? input.searchParams.getAll(p.name) : input.searchParams.getAll(p.name).at(-1)
    }
    if (!validateQuery(query)) issues.push(...toIssues(validateQuery.errors, 'query'))

    const headers: Record<string, unknown> = {}
    for (const p of headerParams) {
      const value = input.headers.get(p.name)
      if (value !== null) headers[p.name] = value
    }
    if (!validateHeaders(headers)) issues.push(...toIssues(validateHeaders.errors, 'header'))

    let body = input.body?.value
    if (input.body) {
      const schema = bodyContent[input.body.mediaType]?.schema
      if (schema) {
        const validateBody = compileSchema(schema, { coerce: input.body.textual })
        if (!validateBody(body)) issues.push(...toIssues(validateBody.errors, 'body'))
      }
    }

    return issues.length > 0 ? { ok: false, issues } : { ok: true, value: { params, query, headers, body } }
  }
}
