/**
 * Invalid variants of a valid request, one broken rule each, for every path, query and header parameter
 * and body field: a missing required field, a wrong type (a string for a number, an object for an
 * array), a value outside an enum or pattern, maximum+1 and minimum−1, a string over maxLength or
 * under minLength, an empty value, an array under minItems, a malformed body, an unknown field
 * where the schema forbids them. Each variant is checked against
 * the spec before it is sent, so the suite never blames a server for rejecting a valid request.
 */
import type { Schema } from '../spec.ts'
import type { Generator } from './generate.ts'

export interface RequestParts {
  path: Record<string, unknown>
  query: Record<string, unknown>
  /** Header parameters the spec declares (credentials are applied separately). */
  header?: Record<string, unknown>
  /** Parsed body (object for JSON and forms). */
  body?: unknown
  mediaType?: string
  /** A body sent as this exact text instead of `body` (malformed JSON). */
  rawBody?: string
}

export interface Mutation {
  description: string
  parts: RequestParts
}

const isForm = (mediaType?: string) => mediaType === 'multipart/form-data' || mediaType === 'application/x-www-form-urlencoded'

/** Values that break one keyword of a schema, each with a description. */
function breakers(schema: Schema, textual: boolean): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = []
  const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []
  if (schema.enum) out.push(['a value outside the enum', 'mockdesk-not-in-enum'])
  if (schema.maxLength !== undefined) out.push([`a string over maxLength ${schema.maxLength}`, 'x'.repeat(schema.maxLength + 1)])
  if (schema.minLength !== undefined && schema.minLength > 1) out.push([`a string under minLength ${schema.minLength}`, 'x'.repeat(schema.minLength - 1)])
  if (types.includes('string') || schema.minLength !== undefined) out.push(['an empty value', ''])
  // In a URL or header a number or flag can be sent empty too (`limit=`, `X-Page-Size:`).
  else if (textual && ['integer', 'number', 'boolean'].some((type) => types.includes(type))) out.push(['an empty value', ''])
  if (schema.minItems !== undefined && schema.minItems > 0) out.push([`an array under minItems ${schema.minItems}`, []])
  if (types.includes('array') && textual === false) out.push(['an object where an array is documented', {}])
  if (types.includes('object') && textual === false) out.push(['an array where an object is documented', []])
  if (schema.pattern) {
    for (const candidate of ['!!', '', '§ mockdesk ~']) {
      if (!new RegExp(schema.pattern, 'u').test(candidate)) {
        out.push([`a string outside the pattern ${schema.pattern}`, candidate])
        break
      }
    }
  }
  if (schema.maximum !== undefined) out.push([`a number over the maximum ${schema.maximum}`, schema.maximum + 1])
  if (schema.minimum !== undefined) out.push([`a number under the minimum ${schema.minimum}`, schema.minimum - 1])
  if (types.includes('integer') || types.includes('number')) out.push(['a string where a number is documented', 'not-a-number'])
  if (types.includes('boolean')) out.push(['a string where a boolean is documented', 'not-a-boolean'])
  if (!textual && types.includes('string') && !types.includes('number') && !types.includes('integer')) out.push(['a number where a string is documented', 12345])
  if (schema.format === 'uuid' || schema.format === 'email' || schema.format === 'date-time') out.push([`a value that is not a valid ${schema.format}`, 'not-valid!'])
  return out
}

export function mutations(parts: RequestParts, schemas: { path: Schema; query: Schema; header?: Schema; body?: Schema }, generator: Generator): Mutation[] {
  const result: Mutation[] = []
  const textual = isForm(parts.mediaType)

  for (const location of ['path', 'query', 'header'] as const) {
    const schema = schemas[location]
    if (!schema) continue
    const current = parts[location] ?? {}
    for (const [name, property] of Object.entries<Schema>(schema.properties ?? {})) {
      for (const [what, value] of breakers(generator.flatten(property), true)) {
        // A URL or header carries text: bounds go as their digits (limit=101), an empty value as `limit=`.
        if (typeof value === 'object') continue
        if (location === 'path' && value === '') continue // an empty segment is another path, not this operation
        result.push({ description: `${location} parameter ${name}: ${what}`, parts: { ...parts, [location]: { ...current, [name]: String(value) } } })
      }
      if (location !== 'path' && schema.required?.includes(name)) {
        const { [name]: _, ...rest } = current
        result.push({ description: `${location} parameter ${name}: missing though required`, parts: { ...parts, [location]: rest } })
      }
    }
  }

  const body = schemas.body && generator.flatten(schemas.body)
  if (body && parts.body && typeof parts.body === 'object' && !Array.isArray(parts.body)) {
    const value = parts.body as Record<string, unknown>
    for (const name of body.required ?? []) {
      const { [name]: _, ...rest } = value
      result.push({ description: `body field ${name}: missing though required`, parts: { ...parts, body: rest } })
    }
    for (const [name, property] of Object.entries<Schema>(body.properties ?? {})) {
      if (property.readOnly) continue
      for (const [what, broken] of breakers(generator.flatten(property), textual)) {
        result.push({ description: `body field ${name}: ${what}`, parts: { ...parts, body: { ...value, [name]: textual ? String(broken) : broken } } })
      }
    }
    if (body.additionalProperties === false || body.unevaluatedProperties === false) {
      result.push({ description: 'body: a field the schema does not allow', parts: { ...parts, body: { ...value, mockdesk_unknown_field: 'x' } } })
    }
  }
  if (parts.mediaType && /json/.test(parts.mediaType)) {
    result.push({ description: 'body: malformed JSON', parts: { ...parts, rawBody: '{"mockdesk": ' } })
  }
  return result
}
