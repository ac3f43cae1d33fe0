/**
 * The data a create or update sent, field by field, for the write-persistence check: every leaf
 * of the body (objects walked, arrays kept whole) with its path and schema. Fields that name the
 * record rather than describe it (link targets) and fields the spec marks write-only are left out.
 */
import type { Schema } from '../spec.ts'

export interface WrittenField {
  /** Path in the request body, e.g. ['data', 'attributes', 'email']. */
  path: string[]
  value: unknown
  schema: Schema
  /** Normalisation the spec states for it or an enclosing object (`x-normalise`). */
  normalise: string[]
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

export function writtenFields(body: unknown, schema: Schema | undefined, flatten: (schema: Schema) => Schema, skip: Set<string>): WrittenField[] {
  const fields: WrittenField[] = []
  const walk = (value: unknown, at: Schema, path: string[], inherited: string[]) => {
    const flat = flatten(at)
    const normalise = [...inherited, ...[flat['x-normalise'] ?? []].flat()]
    if (isObject(value) && (flat.properties || !flat.type || flat.type === 'object')) {
      for (const [name, child] of Object.entries(value)) {
        const property = flatten(flat.properties?.[name] ?? {})
        if (skip.has(name) || property.writeOnly || property.readOnly || child === undefined) continue
        walk(child, property, [...path, name], normalise)
      }
      return
    }
    if (path.length > 0) fields.push({ path, value, schema: flat, normalise })
  }
  walk(body, schema ?? {}, [], [])
  return fields
}

/** `written` laid over `base`: what a read after an update should show. */
export function overlay(base: WrittenField[], written: WrittenField[]): WrittenField[] {
  const key = (field: WrittenField) => field.path.join('.')
  const replaced = new Set(written.map(key))
  return [...base.filter((field) => !replaced.has(key(field))), ...written]
}
