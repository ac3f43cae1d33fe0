/**
 * What pydantic v1 (FastAPI's model layer, whose wording the docs show) does to a JSON body before
 * its validators run, for the fields of the spec's `CustomerWritable`:
 * - unknown fields are dropped (pydantic's default `extra = ignore`), so a customer sent back as
 *   GET returned it, `id`, `created_at` and `updated_at` included, is accepted;
 * - a `str` field takes a number or boolean as its text (`str_validator`: `123` → `"123"`,
 *   `true` → `"True"`, Python's spelling);
 * - a `bool` field takes `0`/`1` and the strings of `bool_validator`, in any case.
 * Values it cannot convert are left as sent, so the spec's schema reports them in pydantic's words.
 */
import type { Operation, SchemaObject } from '../../core/openapi-document.ts'
import document from '../../generated/toptickets-document.ts'

const writable = document.components!.schemas!.CustomerWritable!.properties as Record<string, SchemaObject>
const flagPattern = String(document.components!.schemas!.Flag!.pattern)

const typesOf = (schema: SchemaObject): unknown[] => (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [])
/** A field pydantic types as `bool`: the spec's Flag. */
export const isFlag = (schema: SchemaObject | undefined) => schema?.pattern === flagPattern
/** A `str` field; `account_value` (a decimal with its own pattern) and enums are not. */
const isText = (schema: SchemaObject) => typesOf(schema).includes('string') && !isFlag(schema) && !schema.pattern && !schema.enum

const truthy = new Set(['1', 'on', 't', 'true', 'y', 'yes'])
const falsy = new Set(['0', 'off', 'f', 'false', 'n', 'no'])

function coerce(schema: SchemaObject, value: unknown): unknown {
  if (isFlag(schema)) {
    if (value === 0 || value === 1) return value === 1
    if (typeof value === 'string') {
      const lower = value.toLowerCase()
      if (truthy.has(lower)) return true
      if (falsy.has(lower)) return false
    }
    return value
  }
  if (isText(schema)) {
    if (typeof value === 'number' && Number.isFinite(value)) return String(value)
    if (typeof value === 'boolean') return value ? 'True' : 'False'
  }
  return value
}

/** The fields a client may set, by name: the body's shape for every TopTickets write. */
export function writableField(name: string): SchemaObject | undefined {
  return Object.hasOwn(writable, name) ? writable[name] : undefined
}

export function prepareBody(value: unknown, _operation: Operation): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const fields: Record<string, unknown> = {}
  for (const [name, field] of Object.entries(value)) {
    const schema = writableField(name)
    if (schema) fields[name] = coerce(schema, field)
  }
  return fields
}
