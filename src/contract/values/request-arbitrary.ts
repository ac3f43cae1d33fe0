/**
 * A fast-check arbitrary of whole requests for one operation: every path, query and header
 * parameter and the body generated from their schemas (optional ones present or not), except the
 * fields that name the record (`fixed`: ids from the pool or from a record the suite created),
 * which keep their values.
 */
import fc from 'fast-check'
import { bodyMedia, merge, type ParameterLocation } from '../context.ts'
import type { Media, Schema, Spec, SpecOperation } from '../spec.ts'
import { arbitrary, documentedByName } from './arbitrary.ts'
import type { RequestParts } from './mutate.ts'

const isForm = (mediaType?: string) => mediaType === 'multipart/form-data' || mediaType === 'application/x-www-form-urlencoded'
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

const exampleOf = (media: Media) => media.example ?? Object.values(media.examples ?? {})[0]?.value

const named = new WeakMap<Spec, Map<string, unknown[]>>()
/** The values the spec's request examples show, by field name; built once per spec. */
function namedValues(spec: Spec) {
  let values = named.get(spec)
  if (!values) {
    values = documentedByName(spec.operations.flatMap((operation) => Object.values(operation.requestBody?.content ?? {}).map(exampleOf)))
    named.set(spec, values)
  }
  return values
}

function parameters(operation: SpecOperation, location: ParameterLocation, fixed: Record<string, unknown>, flatten: (schema: Schema) => Schema) {
  const declared = operation.parameters.filter((p) => p.in === location)
  const model = Object.fromEntries(
    declared.map((p) => [p.name, p.name in fixed ? fc.constant(fixed[p.name]) : arbitrary(p.schema ?? {}, { flatten, textual: true })]),
  )
  const requiredKeys = declared.filter((p) => p.required || p.name in fixed).map((p) => p.name)
  return fc.record(model, { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>
}

/** A generated body for an operation, with the fixed fields laid over it (merging into nested objects). */
export function bodyArbitrary(spec: Spec, operation: SpecOperation, fixed: Record<string, unknown>, flatten: (schema: Schema) => Schema): fc.Arbitrary<unknown> | undefined {
  const media = bodyMedia(operation)
  if (!media?.media.schema) return undefined
  const schema = media.media.schema
  const properties = flatten(schema).properties ?? {}
  const example = exampleOf(media.media)
  return arbitrary(schema, { flatten, textual: isForm(media.type), example, named: namedValues(spec) }).map((body) => {
    if (!isObject(body)) return body
    const result = { ...body }
    for (const [name, value] of Object.entries(fixed)) if (name in properties) result[name] = merge(result[name], value)
    return result
  })
}

export function requestArbitrary(spec: Spec, operation: SpecOperation, fixed: Record<string, unknown>, flatten: (schema: Schema) => Schema): fc.Arbitrary<RequestParts> {
  const media = bodyMedia(operation)
  const body = bodyArbitrary(spec, operation, fixed, flatten) ?? fc.constant(undefined)
  return fc.record({
    path: parameters(operation, 'path', fixed, flatten),
    query: parameters(operation, 'query', fixed, flatten),
    header: parameters(operation, 'header', fixed, flatten),
    body,
  }).map((parts) => ({ ...parts, ...(media && parts.body !== undefined ? { mediaType: media.type } : {}) }))
}
