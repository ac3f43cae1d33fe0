/**
 * The built-in APIs' validators are compiled by `npm run generate` (src/generated/*-validators.ts)
 * and nothing is compiled at run time. This file never installs ajv's compiler until the last
 * test, so every lookup before it is served by precompiled code or fails; the last test compares
 * the precompiled validators with ajv compiling the same schemas at run time, answer for answer.
 */
import { describe, expect, it } from 'vitest'
import { apiIds, apis } from '../../src/apis/select-apis.ts'
import { compileSchema, type ValidateFunction } from '../../src/core/json-schema.ts'
import { listOperations, type SchemaObject } from '../../src/core/openapi-document.ts'
import { requestSchemas } from '../../src/core/request-validator.ts'

const everyRequestSchema = () =>
  apiIds.flatMap((id) =>
    listOperations(apis[id].document).flatMap((operation) => {
      const schemas = requestSchemas(operation)
      return [schemas.path, schemas.query, schemas.header, ...schemas.bodies].map(({ schema, coerce }) => ({ id, operation: operation.id, schema, coerce }))
    }),
  )

/** Values that break a schema in many ways at once: every property of the wrong type, and more. */
function probes(schema: SchemaObject): unknown[] {
  const properties = Object.keys((schema.properties as object | undefined) ?? {})
  const everyProperty = (value: unknown) => Object.fromEntries(properties.map((name) => [name, value]))
  return [{}, null, 'text', 42, [], everyProperty({}), everyProperty('x'), everyProperty(-1), everyProperty('2025-13-45'), { ...everyProperty('a@b.c'), unknown: true }]
}

describe('precompiled validators', () => {
  it('serve every request schema of every built-in API and every store, with no compiler loaded', async () => {
    for (const { schema, coerce } of everyRequestSchema()) expect(() => compileSchema(schema, { coerce })).not.toThrow()
    for (const id of apiIds) await expect(apis[id].createStore({ seed: 1 })).resolves.toBeDefined()
  })

  it('leave a schema nobody compiled to a clear error, not to a silent pass', () => {
    expect(() => compileSchema({ type: 'object', properties: { notInAnySpec: { type: 'string' } } })).toThrow(/npm run generate/)
  })

  it('answer exactly as ajv compiling the same schema at run time', async () => {
    const precompiled = everyRequestSchema().map((entry) => ({ ...entry, validate: compileSchema(entry.schema, { coerce: entry.coerce }) }))
    const { compileAtRuntime } = await import('../../src/core/runtime-schema-compiler.ts')
    const run = (validate: ValidateFunction, value: unknown) => {
      const data = structuredClone(value) // coercion and defaults change the value in place
      const valid = validate(data)
      return { valid, data, errors: validate.errors ?? null }
    }
    let compared = 0
    for (const { id, operation, schema, coerce, validate } of precompiled) {
      const atRuntime = compileAtRuntime(schema, coerce)
      for (const value of probes(schema)) {
        expect(run(validate, value), `${id} ${operation} ${JSON.stringify(value)}`).toEqual(run(atRuntime, value))
        compared++
      }
    }
    expect(compared).toBeGreaterThan(500)
  })
})
