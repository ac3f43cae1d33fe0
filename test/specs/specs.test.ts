import { readdirSync } from 'node:fs'
import SwaggerParser from '@apidevtools/swagger-parser'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'

const specs = readdirSync('specs').filter((name) => name.endsWith('.yaml'))

describe.each(specs)('specs/%s', (file) => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const api = await SwaggerParser.validate(`specs/${file}`)
    expect(api).toHaveProperty('openapi', '3.1.0')
  })

  it('has examples that match their own schemas', async () => {
    const document = (await SwaggerParser.dereference(`specs/${file}`)) as any
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats(ajv)
    let checked = 0
    for (const [path, item] of Object.entries<any>(document.paths)) {
      for (const [method, operation] of Object.entries<any>(item)) {
        if (typeof operation !== 'object' || !operation.responses) continue
        const media = [
          ...Object.entries<any>(operation.requestBody?.content ?? {}).map(([type, m]) => [`${method} ${path} request ${type}`, m] as const),
          ...Object.entries<any>(operation.responses).flatMap(([status, response]) =>
            Object.entries<any>(response.content ?? {}).map(([type, m]) => [`${method} ${path} ${status} ${type}`, m] as const),
          ),
        ]
        for (const [where, m] of media) {
          const examples = [m.example, ...Object.values<any>(m.examples ?? {}).map((e) => e.value)].filter((e) => e !== undefined)
          for (const example of examples) {
            expect(ajv.validate(m.schema, example), `${where}: ${ajv.errorsText(ajv.errors)}`).toBe(true)
            checked++
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(0)
  })

  it('documents a body schema for every error response, so every error has a shape', async () => {
    const document = (await SwaggerParser.dereference(`specs/${file}`)) as any
    for (const [path, item] of Object.entries<any>(document.paths)) {
      for (const [method, operation] of Object.entries<any>(item)) {
        for (const [status, response] of Object.entries<any>(operation?.responses ?? {})) {
          if (Number(status) >= 400) expect(response.content, `${method} ${path} ${status}`).toBeDefined()
        }
      }
    }
  })
})
