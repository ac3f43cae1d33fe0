/**
 * Every key of every schema object in the specs is a JSON Schema 2020-12 keyword, an OpenAPI 3.1
 * schema keyword or an `x-` extension. A YAML flow mapping whose description holds an unquoted
 * comma (`{ type: string, description: The email, phone or account. }`) ends the description at
 * the comma and turns the rest into a key (`phone or account.: null`); this catches that, and any
 * misspelt keyword (`minLenght`), which JSON Schema would silently ignore.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SwaggerParser from '@apidevtools/swagger-parser'
import { describe, expect, it } from 'vitest'

const jsonSchemaKeywords = [
  // core
  '$schema', '$id', '$ref', '$anchor', '$dynamicRef', '$dynamicAnchor', '$vocabulary', '$comment', '$defs',
  // applicator
  'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependentSchemas', 'prefixItems', 'items', 'contains',
  'properties', 'patternProperties', 'additionalProperties', 'propertyNames',
  // unevaluated
  'unevaluatedItems', 'unevaluatedProperties',
  // validation
  'type', 'const', 'enum', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength',
  'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'maxContains', 'minContains', 'maxProperties',
  'minProperties', 'required', 'dependentRequired',
  // meta-data, format, content
  'title', 'description', 'default', 'deprecated', 'readOnly', 'writeOnly', 'examples', 'format', 'contentEncoding',
  'contentMediaType', 'contentSchema',
]
const openApiKeywords = ['discriminator', 'xml', 'externalDocs', 'example']
const known = new Set([...jsonSchemaKeywords, ...openApiKeywords])

/** Keywords whose value is one schema, a list of schemas, or a map of name → schema. */
const oneSchema = ['not', 'if', 'then', 'else', 'items', 'contains', 'additionalProperties', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'contentSchema']
const schemaList = ['allOf', 'anyOf', 'oneOf', 'prefixItems']
const schemaMap = ['properties', 'patternProperties', '$defs', 'dependentSchemas']

type Found = { where: string; key: string }

function checkSchema(schema: unknown, where: string, found: Found[]): void {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return // `true`/`false` schemas
  const object = schema as Record<string, unknown>
  for (const key of Object.keys(object)) {
    if (!known.has(key) && !key.startsWith('x-')) found.push({ where, key })
  }
  for (const key of oneSchema) if (key in object) checkSchema(object[key], `${where}/${key}`, found)
  for (const key of schemaList) {
    const list = object[key]
    if (Array.isArray(list)) list.forEach((item, index) => checkSchema(item, `${where}/${key}/${index}`, found))
  }
  for (const key of schemaMap) {
    const map = object[key]
    if (map && typeof map === 'object') for (const [name, item] of Object.entries(map)) checkSchema(item, `${where}/${key}/${name}`, found)
  }
}

/** Finds every schema the OpenAPI document holds: components, parameters, headers, media types. */
function collectSchemas(node: unknown, where: string, found: Found[]): void {
  if (!node || typeof node !== 'object') return
  if (Array.isArray(node)) {
    node.forEach((item, index) => collectSchemas(item, `${where}/${index}`, found))
    return
  }
  for (const [key, value] of Object.entries(node)) {
    const at = `${where}/${key}`
    if (key === 'schema') checkSchema(value, at, found)
    else if (key === 'schemas' && where === '#/components') {
      for (const [name, schema] of Object.entries(value as object)) checkSchema(schema, `${at}/${name}`, found)
    } else if (key !== 'example' && key !== 'examples' && !key.startsWith('x-')) collectSchemas(value, at, found)
  }
}

export function unknownSchemaKeys(document: unknown): Found[] {
  const found: Found[] = []
  collectSchemas(document, '#', found)
  return found
}

const specs = readdirSync('specs').filter((name) => name.endsWith('.yaml'))

describe('schema keywords', () => {
  // Parsed as written (no dereferencing), with the same YAML reader `npm run generate` uses.
  it.each(specs)('specs/%s has only JSON Schema / OpenAPI keywords and x- extensions in its schemas', async (file) => {
    const document = await SwaggerParser.parse(`specs/${file}`)
    expect(unknownSchemaKeys(document)).toEqual([])
  })

  it('catches a description cut at an unquoted comma, and a misspelt keyword', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mockdesk-spec-')), 'broken.yaml')
    writeFileSync(
      file,
      `
openapi: 3.1.0
info: { title: broken, version: '1' }
components:
  schemas:
    Channel:
      type: object
      properties:
        address: { type: string, minLength: 1, description: The email address, phone number or social account. }
        list: { type: array, items: { type: string, minLenght: 1 } }
paths:
  /x:
    get:
      parameters:
        - { name: q, in: query, schema: { type: string, description: A query, or nothing. } }
      responses: { '200': { description: ok } }
`,
    )
    const document = await SwaggerParser.parse(file)
    expect(unknownSchemaKeys(document).map((f) => f.key)).toEqual([
      'phone number or social account.',
      'minLenght',
      'or nothing.',
    ])
  })
})
