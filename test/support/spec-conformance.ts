/**
 * Checks a response against the spec it claims to follow: the status is documented for the
 * operation, the content type is documented, the body matches the documented schema and the
 * documented required headers are present. Built from specs/<id>.yaml with its own ajv, so it
 * shares no code with the mock it judges.
 */
import path from 'node:path'
import SwaggerParser from '@apidevtools/swagger-parser'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

type Document = Awaited<ReturnType<typeof SwaggerParser.dereference>> & { paths: Record<string, any> }

const ajv = new Ajv2020({ strict: false, allErrors: true })
addFormats(ajv)
const documents = new Map<string, Promise<Document>>()

export function loadSpec(apiId: string): Promise<Document> {
  let document = documents.get(apiId)
  if (!document) {
    document = SwaggerParser.dereference(path.resolve('specs', `${apiId}.yaml`)) as Promise<Document>
    documents.set(apiId, document)
  }
  return document
}

function templateRegExp(template: string) {
  return new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`)
}

/** The problems found, empty when the response conforms. */
export async function conformanceProblems(
  apiId: string,
  method: string,
  pathWithinBase: string,
  response: { status: number; headers: Headers; text: string },
): Promise<string[]> {
  const document = await loadSpec(apiId)
  const template = Object.keys(document.paths).find((t) => templateRegExp(t).test(pathWithinBase))
  const operation = template && document.paths[template][method.toLowerCase()]
  if (!operation) return [`no operation in specs/${apiId}.yaml for ${method} ${pathWithinBase}`]
  const label = `${method} ${template} → ${response.status}`
  const documented = operation.responses[String(response.status)]
  if (!documented) return [`${label}: status not documented (documented: ${Object.keys(operation.responses).join(', ')})`]

  const problems: string[] = []
  for (const [name, header] of Object.entries<any>(documented.headers ?? {})) {
    const value = response.headers.get(name)
    if (header.required && value === null) problems.push(`${label}: header ${name} missing`)
    if (value !== null && header.schema && !ajv.validate(header.schema, header.schema.type === 'integer' ? Number(value) : value)) {
      problems.push(`${label}: header ${name}=${value} does not match its schema`)
    }
  }
  const content = documented.content as Record<string, { schema?: object }> | undefined
  if (!content) {
    if (response.text !== '') problems.push(`${label}: documented without a body, got ${response.text.slice(0, 80)}`)
    return problems
  }
  const mediaType = response.headers.get('content-type')?.split(';')[0]?.trim() ?? ''
  const media = content[mediaType]
  if (!media) return [...problems, `${label}: content type "${mediaType}" not documented (${Object.keys(content).join(', ')})`]
  if (media.schema) {
    let body: unknown
    try {
      body = JSON.parse(response.text)
    } catch {
      return [...problems, `${label}: body is not JSON: ${response.text.slice(0, 80)}`]
    }
    if (!ajv.validate(media.schema, body)) {
      problems.push(`${label}: body does not match the schema: ${ajv.errorsText(ajv.errors)}`)
    }
  }
  return problems
}
