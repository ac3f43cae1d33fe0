/**
 * JSON Schema validation (ajv, draft 2020-12, the dialect of OpenAPI 3.1) over the spec's own
 * schemas. Two flavours: strict for JSON bodies and stored records, and coercing for values that
 * arrive as text (path, query, headers, form fields), where "50" must count as the integer 50.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { SchemaObject } from './openapi-document.ts'

export type { ErrorObject, ValidateFunction }

function createAjv(coerce: boolean): Ajv2020 {
  // strict: false because OpenAPI schemas carry keywords JSON Schema does not know (example, x-*).
  // validateSchema: false because swagger-parser has validated every spec already (npm run
  // generate, and a test); checking each schema against the meta-schema again costs start-up time.
  const ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true, useDefaults: true, coerceTypes: coerce, validateSchema: false })
  addFormats(ajv)
  return ajv
}

const strictAjv = createAjv(false)
const coercingAjv = createAjv(true)
const cache = new WeakMap<SchemaObject, ValidateFunction>()
const coercingCache = new WeakMap<SchemaObject, ValidateFunction>()

/** A compiled validator for a schema object, cached by identity so each schema compiles once. */
export function compileSchema(schema: SchemaObject, options: { coerce?: boolean } = {}): ValidateFunction {
  const store = options.coerce ? coercingCache : cache
  let validate = store.get(schema)
  if (!validate) {
    validate = (options.coerce ? coercingAjv : strictAjv).compile(schema)
    store.set(schema, validate)
  }
  return validate
}

/**
 * Wraps a spec schema as a Standard Schema, the form `@msw/data` collections take, so the store
 * rejects any record the spec would reject, with no second hand-written schema.
 */
export function standardSchema<T>(schema: SchemaObject, name: string): StandardSchemaV1<T, T> {
  const validate = compileSchema(schema)
  return {
    '~standard': {
      version: 1,
      vendor: 'mockdesk',
      validate(value) {
        if (validate(value)) return { value: value as T }
        return {
          issues: (validate.errors ?? []).map((error) => ({
            message: `${name}${error.instancePath} ${error.message ?? 'is invalid'}`,
            path: error.instancePath.split('/').slice(1),
          })),
        }
      },
    },
  }
}
