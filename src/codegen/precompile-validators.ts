/**
 * Compiles, at `npm run generate`, every JSON Schema validator the built-in APIs and the config
 * use, with ajv's standalone code: src/generated/<id>-validators.ts per API (loaded with that
 * API's document, so a browser that mounts one API loads one API's validators) and
 * src/generated/config-validator.ts. At run time nothing is compiled and ajv's compiler is not
 * loaded (src/core/json-schema.ts).
 *
 * Which schemas: every request schema of every operation (request-validator.ts says which), and
 * whatever else an API asks `compileSchema` for while it loads and seeds a store (its record
 * schemas, in the forms its store builds from the spec's), watched as it happens.
 */
import { Ajv2020, type Options } from 'ajv/dist/2020.js'
import standaloneCode from 'ajv/dist/standalone/index.js'
import type { ApiDefinition } from '../core/define-api.ts'
import { watchSchemaCompiles } from '../core/json-schema.ts'
import { listOperations, type SchemaObject } from '../core/openapi-document.ts'
import { requestSchemas } from '../core/request-validator.ts'
import { createAjv } from '../core/runtime-schema-compiler.ts'
import { schemaKey } from '../core/schema-key.ts'

type Wanted = Map<string, { schema: SchemaObject; coerce: boolean }>

/**
 * ajv's standalone code is CommonJS-shaped (`exports.x = ...`, `require("ajv/...")`): it runs in
 * a block of its own, with its requires answered by json-schema-runtime.ts.
 */
function block(ajv: Ajv2020, keys: string[], into: string): string {
  if (keys.length === 0) return ''
  const code = standaloneCode(ajv, Object.fromEntries(keys.map((key) => [key, key]))).replace(/\brequire\(/g, 'runtimeRequire(')
  return `{\nconst exports = ${into}\n${code}\n}\n`
}

function validatorsModule(wanted: Wanted, header: string): string {
  const strict = createAjv(false, { code: { source: true } })
  const coercing = createAjv(true, { code: { source: true } })
  const keys = { strict: [] as string[], coercing: [] as string[] }
  for (const [key, { schema, coerce }] of [...wanted].sort(([a], [b]) => a.localeCompare(b))) {
    ;(coerce ? coercing : strict).addSchema(schema, key)
    keys[coerce ? 'coercing' : 'strict'].push(key)
  }
  return (
    header +
    `// @ts-nocheck: ajv's standalone code, plain JavaScript.\n` +
    `import { registerPrecompiledValidators } from '../core/json-schema.ts'\n` +
    `import { runtimeRequire } from '../core/json-schema-runtime.ts'\n\n` +
    `const validators = {}\n` +
    block(strict, keys.strict, 'validators') +
    block(coercing, keys.coercing, 'validators') +
    `\nregisterPrecompiledValidators(validators)\n`
  )
}

/**
 * What each API asked for, kept for the life of the process: an API module compiles some schemas
 * once, as it loads (a store's record forms), so a second generation in the same process (the
 * stale-files test after a generation) would not see them again.
 */
const remembered = new Map<string, Wanted>()

/**
 * Each API's validators module, by path relative to the project root. The APIs must be loaded here
 * first in their process, or what they compile as they load goes unseen: `npm run generate` and
 * the stale-files test each run in a process of their own.
 */
export async function apiValidatorModules(ids: readonly string[], header: (source: string) => string): Promise<Map<string, string>> {
  const modules = new Map<string, string>()
  for (const id of ids) {
    const wanted: Wanted = remembered.get(id) ?? new Map()
    remembered.set(id, wanted)
    const want = (schema: SchemaObject, coerce: boolean) => wanted.set(schemaKey(schema, coerce), { schema, coerce })
    watchSchemaCompiles(want)
    try {
      const definition = (await import(`../apis/${id}/index.ts`)).default as ApiDefinition
      for (const operation of listOperations(definition.document)) {
        const schemas = requestSchemas(operation)
        for (const { schema, coerce } of [schemas.path, schemas.query, schemas.header, ...schemas.bodies]) want(schema, coerce)
      }
      await definition.createStore({ seed: 1 })
    } finally {
      watchSchemaCompiles(undefined)
    }
    modules.set(`src/generated/${id}-validators.ts`, validatorsModule(wanted, header(`the schemas of specs/${id}.yaml (src/codegen/precompile-validators.ts)`)))
  }
  return modules
}

/** How validate-config.ts validates: every error, with the value and schema it concerns. */
const configOptions: Options = {
  allErrors: true,
  verbose: true,
  strict: false,
  // Each shared definition compiled once, not inlined where referenced.
  inlineRefs: false,
  code: { source: true },
}

export function configValidatorModule(schema: object, header: string): string {
  const ajv = new Ajv2020(configOptions)
  ajv.addSchema(schema, 'validateConfigDocument')
  return (
    header +
    `// @ts-nocheck: ajv's standalone code, plain JavaScript.\n` +
    `import type { ValidateFunction } from 'ajv/dist/2020.js'\n` +
    `import { runtimeRequire } from '../core/json-schema-runtime.ts'\n\n` +
    `const validators = {}\n` +
    block(ajv, ['validateConfigDocument'], 'validators') +
    `\nexport const validateConfigDocument: ValidateFunction = validators.validateConfigDocument\n`
  )
}
