/**
 * Values that satisfy a schema, from a seeded Faker, so a run is reproducible with `--seed`.
 * Documented examples come first (they are what the vendor shows); properties marked
 * `x-unique` in the spec get fresh values, since examples name records that may already exist.
 *
 * The seed fixes the shape of every value; the run id makes the unique ones (e-mails, x-unique
 * fields, free text) differ from every earlier run, so a record an earlier run left behind never
 * collides with a new one. The same seed and run id send the very same requests.
 */
import { Faker, base, en } from '@faker-js/faker'
import RandExp from 'randexp'
import type { Schema } from '../spec.ts'

/** A run id: short, and different for every run. */
export const newRunId = () => `${Date.now().toString(36).slice(-5)}${Math.floor(Math.random() * 36 ** 3).toString(36).padStart(3, '0')}`

/** A number from a text, for seeding (FNV-1a). */
export const hash = (text: string) => [...text].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261)

export function createGenerator(seed: number, runId = '') {
  const faker = new Faker({ locale: [en, base] })
  faker.seed(seed)
  // Unique values come from their own Faker, seeded by seed and run id together: a new run id
  // renews them without shifting the shape of anything else.
  const uniqueFaker = new Faker({ locale: [en, base] })
  uniqueFaker.seed(hash(`${seed}:${runId}`))
  let counter = 0

  const typeOf = (schema: Schema): string | undefined => {
    const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type
    if (type) return type
    if (schema.properties) return 'object'
    if (schema.enum) return typeof schema.enum.find((v: unknown) => v !== null)
    return undefined
  }

  /** allOf merged into one object schema; the first non-null branch of oneOf/anyOf. */
  const flatten = (schema: Schema): Schema => {
    if (schema.allOf) {
      const parts = [schema, ...schema.allOf].map((part: Schema) => flatten(part === schema ? { ...schema, allOf: undefined } : part))
      return parts.reduce((merged: Schema, part: Schema) => ({
        ...merged,
        ...part,
        properties: { ...merged.properties, ...part.properties },
        required: [...new Set([...(merged.required ?? []), ...(part.required ?? [])])],
      }))
    }
    const branches = schema.oneOf ?? schema.anyOf
    if (branches) return flatten({ ...schema, oneOf: undefined, anyOf: undefined, ...branches.find((b: Schema) => b.type !== 'null') })
    return schema
  }

  function string(schema: Schema, source = faker): string {
    const unique = `${runId}${++counter}`
    switch (schema.format) {
      case 'email':
        return `mockdesk.${faker.string.alphanumeric(6).toLowerCase()}.${unique}@example.com`
      case 'uuid':
        return source.string.uuid()
      case 'uri':
      case 'url':
        return `https://example.com/${faker.string.alphanumeric(8).toLowerCase()}`
      case 'date-time':
        return faker.date.recent().toISOString().replace(/\.\d{3}Z$/, 'Z')
      case 'date':
        return faker.date.recent().toISOString().slice(0, 10)
    }
    let text: string
    if (schema.pattern) {
      const randexp = new RandExp(schema.pattern)
      randexp.max = 8
      randexp.randInt = (from: number, to: number) => source.number.int({ min: from, max: to })
      text = randexp.gen()
    } else if (schema['x-unique']) {
      // The unique part first, so a short maxLength keeps it.
      text = `${unique} ${faker.word.noun()}`
    } else {
      text = `${faker.word.adjective()} ${faker.word.noun()} ${unique}`
    }
    if (schema.maxLength !== undefined) text = text.slice(0, schema.maxLength)
    while (schema.minLength !== undefined && text.length < schema.minLength) text += 'x'
    return text
  }

  function value(input: Schema, options: { fresh?: boolean } = {}): unknown {
    const schema = flatten(input)
    if (schema.const !== undefined) return schema.const
    if (!options.fresh && !schema['x-unique']) {
      if (schema.example !== undefined) return schema.example
      if (schema.examples?.[0] !== undefined) return schema.examples[0]
      if (schema.default !== undefined) return schema.default
    }
    if (schema.enum) return faker.helpers.arrayElement(schema.enum.filter((v: unknown) => v !== null))
    const source = schema['x-unique'] ? uniqueFaker : faker
    switch (typeOf(schema)) {
      case 'string':
        return string(schema, source)
      case 'integer':
        return source.number.int({ min: schema.minimum ?? 1, max: schema.maximum ?? Math.max((schema.minimum ?? 1) + 1000, 1000) })
      case 'number':
        return faker.number.float({ min: schema.minimum ?? 1, max: schema.maximum ?? 1000, fractionDigits: 2 })
      case 'boolean':
        return faker.datatype.boolean()
      case 'array':
        return schema.items ? [value(schema.items)] : []
      case 'object':
        return object(schema)
      case 'null':
        return null
      default:
        return string(schema)
    }
  }

  /**
   * Required properties always; optional ones when they have an example (so bodies look real);
   * and when that leaves nothing (an all-optional update), the first three properties.
   */
  function object(schema: Schema): Record<string, unknown> {
    const result: Record<string, unknown> = {}
    const writable = Object.entries<Schema>(schema.properties ?? {}).filter(([, property]) => !property.readOnly)
    for (const [name, property] of writable) {
      if (schema.required?.includes(name) || property.example !== undefined) result[name] = value(property)
    }
    if (Object.keys(result).length === 0) for (const [name, property] of writable.slice(0, 3)) result[name] = value(property)
    return result
  }

  /** A body for a media type: its example with x-unique fields renewed, else generated. */
  function body(media: { schema?: Schema; example?: unknown; examples?: Record<string, { value?: unknown }> }, options: { generated?: boolean } = {}): unknown {
    const example = media.example ?? Object.values(media.examples ?? {})[0]?.value
    if (!media.schema) return example
    if (example === undefined || options.generated) return value(media.schema, { fresh: true })
    const schema = flatten(media.schema)
    if (typeof example !== 'object' || example === null || Array.isArray(example)) return example
    const renewed: Record<string, unknown> = { ...(example as object) }
    for (const [name, property] of Object.entries<Schema>(schema.properties ?? {})) {
      if (flatten(property)['x-unique']) renewed[name] = value(property, { fresh: true })
    }
    return renewed
  }

  /**
   * A well-formed value no record can have: what probes that could change data use as the
   * target when the suite did not create the record itself, and what an unknown-id read sends.
   * Derived from the run id, so it is new in every run.
   */
  function absent(input: Schema): unknown {
    const schema = flatten(input)
    const type = typeOf(schema)
    if (type === 'integer' || type === 'number') {
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 2 ** 31 - 1)
      return Math.max(schema.minimum ?? 1, max - (hash(runId) % 1000))
    }
    if (schema.format === 'uuid') return uniqueFaker.string.uuid()
    if (schema.format === 'email') return `mockdesk-absent-${runId || 'x'}@example.com`
    if (schema.pattern || schema.enum || schema.format) return value({ ...schema, 'x-unique': true }, { fresh: true })
    let text = `mockdesk-absent-${runId || uniqueFaker.string.alphanumeric(6)}`
    if (schema.maxLength !== undefined) text = text.slice(-schema.maxLength)
    while (schema.minLength !== undefined && text.length < schema.minLength) text += 'x'
    return text
  }

  return { value, body, flatten, faker, runId, absent }
}

export type Generator = ReturnType<typeof createGenerator>
