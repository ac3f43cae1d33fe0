/**
 * fast-check arbitraries from request schemas, for the generative phase: values that honour
 * type, format, enum, const, pattern, minimum/maximum, minLength/maxLength, minItems and
 * required, and that reach the bounds (fast-check's integers lean towards them; strings with a
 * maxLength get a second branch of any length up to it), so the phase reaches values the one-example probes never
 * send. fast-check shrinks each towards its simplest form: the shortest string, the smallest
 * number, the first enum value, optional properties left out.
 *
 * A property marked `x-unique` (an e-mail that must not exist yet) is not generated here: it
 * becomes a `Fresh` marker that the request gets a new unique value for when it is sent (see
 * `resolveFresh`), so repeated and shrunk creates never collide with each other.
 */
import fc from 'fast-check'
import type { Schema } from '../spec.ts'
import { schemaErrors } from '../validator.ts'

/** A value to fill with a fresh unique one when the request is sent. */
export class Fresh {
  constructor(readonly schema: Schema) {}
  toJSON() {
    return '<fresh unique value>'
  }
}

export interface ArbitraryOptions {
  /** allOf merged, first oneOf branch picked: the generator's own flattening. */
  flatten: (schema: Schema) => Schema
  /** Values travel as text (query, path, header, form fields): no null, no nested objects. */
  textual: boolean
  /**
   * The documented example at this place (a body's example, walked down with the properties).
   * A leaf with documented values (this, or its schema's `example`/`examples`) takes one of them
   * three times in four: the docs' values are the ones a server surely accepts where a schema
   * cannot say so (a customer id that must exist, a type from the tenant's own list), so a
   * sequence can create records to work on; the fourth is generated, to reach what the docs do not show.
   */
  example?: unknown
  /** Values the docs show for a field of this name anywhere in the spec's request examples (see `documentedByName`). */
  named?: ReadonlyMap<string, unknown[]>
}

const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z')
const dates = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true })
// Printable text without leading or trailing blanks, which servers may trim as a normalisation the
// spec does not state: the phase looks for faults, not for arguments about whitespace.
const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('')), minLength: 1, maxLength: 12 })

function text(schema: Schema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0
  const max = schema.maxLength
  const unit = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.'.split(''))
  const trimmed = (value: string) => value.trim() === value
  const small = fc.string({ unit, minLength: min, maxLength: max === undefined ? 40 : Math.min(max, Math.max(min, 40)) }).filter(trimmed)
  if (max === undefined || max <= 40) return small
  // Long text up to the maximum, where length bugs live: the length is an integer (fast-check leans
  // to its bounds, and shrinks it by halving to the shortest that still fails), the text a pattern.
  const pattern = 'Lorem ipsum dolor sit amet consectetur adipiscing elit '
  const long = fc.integer({ min: Math.max(min, 41), max }).map((length) => pattern.repeat(Math.ceil(length / pattern.length)).slice(0, length).replace(/ $/, '.'))
  return fc.oneof(small, long)
}

function string(schema: Schema): fc.Arbitrary<unknown> {
  const within = (arbitrary: fc.Arbitrary<string>) => arbitrary.filter((value) => schemaErrors(schema, value).length === 0)
  switch (schema.format) {
    case 'email':
      return within(fc.tuple(word, word).map(([user, host]) => `${user.toLowerCase()}@${host.toLowerCase()}.example.com`))
    case 'uuid':
      return fc.uuid()
    case 'uri':
    case 'url':
      return within(word.map((path) => `https://example.com/${path}`))
    case 'date-time':
      return within(dates.map(isoSeconds))
    case 'date':
      return within(dates.map((date) => date.toISOString().slice(0, 10)))
  }
  if (schema.pattern) {
    // A pattern that takes timestamps gets real ones (a pattern alone allows month 13 and day 0).
    const pattern = new RegExp(schema.pattern, 'u')
    const stamps = [isoSeconds, (date: Date) => isoSeconds(date).replace('T', ' ').replace('Z', ''), (date: Date) => date.toISOString().slice(0, 10)]
    const fitting = stamps.filter((stamp) => pattern.test(stamp(new Date('2025-01-01T00:00:00Z'))))
    if (fitting.length > 0) return within(fc.tuple(dates, fc.constantFrom(...fitting)).map(([date, stamp]) => stamp(date)))
    return within(fc.stringMatching(pattern, { size: 'small' }))
  }
  return text(schema)
}

function integer(schema: Schema): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -(2 ** 31))
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 2 ** 31 - 1)
  const step = schema.multipleOf ?? 1
  return fc.integer({ min: Math.ceil(min / step), max: Math.floor(max / step) }).map((n) => n * step)
}

/** Decimals of at most two places (money, ratings): what JSON carries without rounding surprises. */
function number(schema: Schema): fc.Arbitrary<number> {
  const step = schema.multipleOf ?? 0.01
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + step : -1e9)
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - step : 1e9)
  return fc.integer({ min: Math.ceil(min / step), max: Math.floor(max / step) }).map((n) => Number((n * step).toFixed(6)))
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

const typesOf = (schema: Schema): string[] => (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [])

export function arbitrary(input: Schema, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  const branches: Schema[] | undefined = input.oneOf ?? input.anyOf
  if (branches && !input.allOf) {
    const options_ = branches.filter((branch) => !(branch.type === 'null' && options.textual))
    return fc.oneof(...options_.map((branch) => arbitrary({ ...input, oneOf: undefined, anyOf: undefined, ...branch }, options)))
  }
  const schema = options.flatten(input)
  if (schema['x-unique']) return fc.constant(new Fresh(schema))
  if (schema.const !== undefined) return fc.constant(schema.const)
  const types = typesOf(schema)
  if (types.length > 0 && types.every((type) => type === 'null')) return fc.constant(null)
  const nullable = (types.includes('null') || schema.nullable === true || schema.enum?.includes(null)) && !options.textual
  const value = nonNull(schema, types, options)
  const generated = nullable ? fc.option(value, { nil: null, freq: 6 }) : value
  // A leaf the docs show values for takes one of them more often than not (objects are walked instead).
  const documented = [options.example, schema.example, ...(Array.isArray(schema.examples) ? schema.examples : [])].filter(
    (candidate, i, all) => candidate !== undefined && !isObject(candidate) && all.indexOf(candidate) === i && schemaErrors(schema, candidate, { text: options.textual }).length === 0,
  )
  return documented.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...documented), weight: 3 }, { arbitrary: generated, weight: 1 }) : generated
}

function nonNull(schema: Schema, types: string[], options: ArbitraryOptions): fc.Arbitrary<unknown> {
  if (schema.enum) {
    const values = schema.enum.filter((v: unknown) => v !== null)
    return values.length > 0 ? fc.constantFrom(...values) : fc.constant(null)
  }
  const type = types.find((t) => t !== 'null') ?? (schema.properties ? 'object' : schema.items ? 'array' : 'string')
  switch (type) {
    case 'integer':
      return integer(schema)
    case 'number':
      return number(schema)
    case 'boolean':
      return fc.boolean()
    case 'array': {
      const minLength = schema.minItems ?? 0
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 3, 3))
      const items = arbitrary(schema.items ?? {}, options)
      return schema.uniqueItems ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) }) : fc.array(items, { minLength, maxLength })
    }
    case 'object':
      return object(schema, options)
    case 'null':
      return fc.constant(null)
    default:
      return string(schema)
  }
}

/** Required properties always, optional ones sometimes; read-only ones never (the server sets them). */
export function object(schema: Schema, options: ArbitraryOptions): fc.Arbitrary<Record<string, unknown>> {
  const flat = options.flatten(schema)
  const properties = Object.entries<Schema>(flat.properties ?? {}).filter(([, property]) => !property.readOnly)
  const examples = isObject(options.example) ? options.example : {}
  const model = Object.fromEntries(
    properties.map(([name, property]) => {
      const example = examples[name] ?? options.named?.get(name)?.[0]
      return [name, arbitrary(property, { ...options, example })]
    }),
  )
  const requiredKeys = properties.map(([name]) => name).filter((name) => flat.required?.includes(name))
  return fc.record(model, { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>
}

/** `value` with every `Fresh` marker replaced by `fresh(schema)`. */
export function resolveFresh(value: unknown, fresh: (schema: Schema) => unknown): unknown {
  if (value instanceof Fresh) return fresh(value.schema)
  if (Array.isArray(value)) return value.map((item) => resolveFresh(item, fresh))
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveFresh(v, fresh)]))
  return value
}

/**
 * Every value the spec's request examples show, by field name (objects walked): an update whose
 * own example shows one field still gets the customer id the create's example shows.
 */
export function documentedByName(examples: unknown[]): Map<string, unknown[]> {
  const named = new Map<string, unknown[]>()
  const walk = (value: unknown) => {
    if (!isObject(value)) return
    for (const [name, child] of Object.entries(value)) {
      if (isObject(child)) walk(child)
      else if (child !== undefined && child !== null) named.set(name, [...(named.get(name) ?? []), child])
    }
  }
  for (const example of examples) walk(example)
  return named
}
