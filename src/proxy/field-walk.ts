/**
 * Which documented fields a body carried and which undocumented ones it brought, whatever the
 * schema's `additionalProperties` says: the drift report needs both, also where the spec leaves
 * objects open. Paths are templates where any array item is `*` (the e-mail of every list item
 * is one field: data, any item, attributes, email), so every item of a list counts toward one field.
 */
import type { Schema } from '../contract/spec.ts'
import { schemaErrors } from '../contract/validator.ts'
import { child } from './violation.ts'

export interface FieldObservation {
  /** Documented fields at the objects the body had, with whether each was present. */
  documented: Map<string, boolean>
  /** Undocumented fields, with the first value seen. */
  undocumented: Map<string, unknown>
}

const typeMatches = (schema: Schema, value: unknown): boolean => {
  const types = [schema.type ?? []].flat() as string[]
  if (types.length === 0) return true
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
  return types.some((t) => t === actual || (t === 'integer' && actual === 'number'))
}

/** The schemas that describe this value: itself, its allOf parts, and the anyOf/oneOf branch it matches. */
function parts(schema: Schema, value: unknown, depth = 0): Schema[] {
  if (!schema || typeof schema !== 'object' || depth > 8) return []
  const result = [schema]
  for (const part of schema.allOf ?? []) result.push(...parts(part, value, depth + 1))
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches: Schema[] = schema[keyword] ?? []
    if (branches.length === 0) continue
    const fitting = branches.find((b) => typeMatches(b, value) && schemaErrors(b, value).length === 0) ?? branches.find((b) => typeMatches(b, value))
    if (fitting) result.push(...parts(fitting, value, depth + 1))
  }
  return result
}

export function observeFields(schema: Schema, value: unknown): FieldObservation {
  const observation: FieldObservation = { documented: new Map(), undocumented: new Map() }
  walk(schema, value, '', observation, 0)
  return observation
}

/** What an object schema (with its parts) says about fields: computed once per set of parts. */
interface ObjectShape {
  isObject: boolean
  properties: Record<string, Schema>
  patterns: RegExp[]
  additional: unknown
  items?: Schema
}

const shapes = new WeakMap<Schema, ObjectShape>()

function shapeOf(schemas: Schema[]): ObjectShape {
  // Schemas without anyOf/oneOf always have the same parts: their shape is cached.
  const cacheable = schemas.length > 0 && !schemas.some((s) => s.anyOf || s.oneOf)
  const cached = cacheable ? shapes.get(schemas[0]!) : undefined
  if (cached) return cached
  const shape: ObjectShape = {
    isObject: schemas.some((s) => s.properties || s.type === 'object' || [s.type].flat().includes('object')),
    properties: Object.assign({}, ...schemas.map((s) => s.properties ?? {})),
    patterns: schemas.flatMap((s) => Object.keys(s.patternProperties ?? {}).map((p) => new RegExp(p, 'u'))),
    // An object documented as a map (`additionalProperties: {schema}` or `true`, and no
    // properties) has no fixed fields: its keys are data, not fields.
    additional: schemas.map((s) => s.additionalProperties).find((a) => a !== undefined && a !== false),
    items: schemas.map((s) => s.items).find((s) => s && typeof s === 'object'),
  }
  if (cacheable) shapes.set(schemas[0]!, shape)
  return shape
}

function walk(schema: Schema, value: unknown, pointer: string, out: FieldObservation, depth: number) {
  if (depth > 32 || value === null || typeof value !== 'object') return
  const shape = shapeOf(parts(schema, value))
  if (Array.isArray(value)) {
    if (shape.items) for (const item of value) walk(shape.items, item, `${pointer}/*`, out, depth + 1)
    return
  }
  if (!shape.isObject) return
  const { properties, patterns, additional } = shape
  for (const name in properties) {
    const path = child(pointer, name)
    const present = Object.hasOwn(value, name)
    if (present || !out.documented.has(path)) out.documented.set(path, present || out.documented.get(path) === true)
    if (present) walk(properties[name]!, (value as Record<string, unknown>)[name], path, out, depth + 1)
  }
  for (const name in value) {
    if (Object.hasOwn(properties, name) || patterns.some((p) => p.test(name))) continue
    const item = (value as Record<string, unknown>)[name]
    if (additional && typeof additional === 'object') {
      walk(additional, item, `${pointer}/*`, out, depth + 1)
      continue
    }
    if (additional === true) continue
    const path = child(pointer, name)
    if (!out.undocumented.has(path)) out.undocumented.set(path, item)
  }
}

/** An instance path as a template: array indexes of `value` become `*`. */
export function templateOf(value: unknown, pointer: string): string {
  if (pointer === '') return ''
  let current = value
  let template = ''
  for (const key of pointer.slice(1).split('/')) {
    if (Array.isArray(current)) {
      template += '/*'
      current = current[Number(key)]
    } else {
      template += `/${key}`
      current = current && typeof current === 'object' ? (current as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined
    }
  }
  return template
}
