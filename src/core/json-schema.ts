/**
 * JSON Schema validation (ajv, draft 2020-12, the dialect of OpenAPI 3.1) over the spec's own
 * schemas. Two flavours: strict for JSON bodies and stored records, and coercing for values that
 * arrive as text (path, query, headers, form fields), where "50" must count as the integer 50.
 *
 * Nothing is compiled at run time for the built-in APIs: `npm run generate` compiles every schema
 * they validate with (ajv's standalone code, src/generated/<id>-validators.ts, loaded with the
 * API's document) and files each validator under its schema's content (schema-key.ts). The ajv
 * compiler only comes in for schemas nobody compiled ahead: an API defined outside mockdesk
 * (`defineApi` from the package root installs it, runtime-schema-compiler.ts) and the generator.
 */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { SchemaObject } from './openapi-document.ts'
import { schemaKey } from './schema-key.ts'

export type { ErrorObject, ValidateFunction }

/** Compiles a schema when no precompiled validator has its content. */
export type SchemaCompiler = (schema: SchemaObject, coerce: boolean) => ValidateFunction

const precompiled = new Map<string, ValidateFunction>()
let compiler: SchemaCompiler | undefined
let onCompile: ((schema: SchemaObject, coerce: boolean) => void) | undefined

const cache = new WeakMap<SchemaObject, ValidateFunction>()
const coercingCache = new WeakMap<SchemaObject, ValidateFunction>()

/** Called by each generated validators module as it loads. */
export function registerPrecompiledValidators(validators: Record<string, ValidateFunction>): void {
  for (const [key, validate] of Object.entries(validators)) precompiled.set(key, validate)
}

/** Installs the compiler for schemas with no precompiled validator (see runtime-schema-compiler.ts). */
export function useSchemaCompiler(compile: SchemaCompiler): void {
  compiler = compile
}

/** The generator's hook: told of every schema asked for, precompiled or not. */
export function watchSchemaCompiles(watch: ((schema: SchemaObject, coerce: boolean) => void) | undefined): void {
  onCompile = watch
}

/** A validator for a schema object, cached by identity so each schema is looked up once. */
export function compileSchema(schema: SchemaObject, options: { coerce?: boolean } = {}): ValidateFunction {
  const coerce = options.coerce ?? false
  const store = coerce ? coercingCache : cache
  let validate = store.get(schema)
  if (!validate) {
    onCompile?.(schema, coerce)
    validate = precompiled.get(schemaKey(schema, coerce)) ?? compiler?.(schema, coerce)
    if (!validate) {
      throw new Error(
        `No precompiled validator for this schema (${JSON.stringify(schema).slice(0, 120)}...). ` +
          'In a mockdesk checkout, run `npm run generate` after changing a spec or a store schema; ' +
          "an API of your own must be defined with defineApi from 'mockdesk', which compiles its schemas at run time.",
      )
    }
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
          issues: (validate.errors ?? []).map((error: ErrorObject) => ({
            message: `${name}${error.instancePath} ${error.message ?? 'is invalid'}`,
            path: error.instancePath.split('/').slice(1),
          })),
        }
      },
    },
  }
}
