/**
 * ajv's compiler, for schemas `npm run generate` did not compile ahead: those of an API defined
 * outside mockdesk. Importing this module installs it (the package root's `defineApi` does), so
 * apps that only mount the built-in APIs (the browser entry, the server) never load it. The
 * generator compiles with the very same options (`ajvOptions`), so precompiled and run-time
 * validators answer alike.
 */
import { Ajv2020, type Options } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { useSchemaCompiler, type SchemaCompiler } from './json-schema.ts'

export function ajvOptions(coerce: boolean): Options {
  // strict: false because OpenAPI schemas carry keywords JSON Schema does not know (example, x-*).
  // validateSchema: false because swagger-parser has validated every spec already (npm run
  // generate, and a test); checking each schema against the meta-schema again costs time.
  return { strict: false, allErrors: true, verbose: true, useDefaults: true, coerceTypes: coerce, validateSchema: false }
}

export function createAjv(coerce: boolean, extra: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ ...ajvOptions(coerce), ...extra })
  addFormats(ajv)
  return ajv
}

let instances: { strict: Ajv2020; coercing: Ajv2020 } | undefined

export const compileAtRuntime: SchemaCompiler = (schema, coerce) => {
  instances ??= { strict: createAjv(false), coercing: createAjv(true) }
  return (coerce ? instances.coercing : instances.strict).compile(schema)
}

useSchemaCompiler(compileAtRuntime)
