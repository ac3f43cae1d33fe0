/** The suite's own ajv (JSON Schema 2020-12 with formats), independent of the mock's. */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { Schema } from './spec.ts'

function create(coerceTypes: boolean) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes, validateSchema: false })
  addFormats(ajv)
  return ajv
}

const plain = create(false)
const coercing = create(true)
const cache = new WeakMap<object, ReturnType<Ajv2020['compile']>>()
const coercingCache = new WeakMap<object, ReturnType<Ajv2020['compile']>>()

/** Errors of `value` against `schema` (empty when valid). Text values (query, forms) are coerced. */
export function schemaErrors(schema: Schema, value: unknown, options: { text?: boolean } = {}): ErrorObject[] {
  const store = options.text ? coercingCache : cache
  let validate = store.get(schema)
  if (!validate) {
    validate = (options.text ? coercing : plain).compile(schema)
    store.set(schema, validate)
  }
  // Coercion writes into its input; validate a copy so the caller's value stays as sent.
  const copy = options.text ? structuredClone(value) : value
  return validate(copy) ? [] : [...(validate.errors ?? [])]
}

export function describeErrors(errors: ErrorObject[]): string {
  return errors
    .slice(0, 5)
    .map((e) => `${e.instancePath || '(root)'} ${e.message}${e.keyword === 'enum' ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : ''}`)
    .join('; ')
}
