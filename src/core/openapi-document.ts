/**
 * The parts of an OpenAPI 3.1 document mockdesk reads, after `npm run generate` has dereferenced
 * it (so no `$ref` remains), and the list of operations derived from it.
 */
export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options' | 'trace'
export const httpMethods: readonly HttpMethod[] = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']

export type SchemaObject = { [keyword: string]: unknown }

export interface ParameterObject {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema?: SchemaObject
  description?: string
  example?: unknown
}

export interface MediaTypeObject {
  schema?: SchemaObject
  example?: unknown
  examples?: Record<string, { summary?: string; value?: unknown }>
}

export interface HeaderObject {
  required?: boolean
  schema?: SchemaObject
  example?: unknown
  description?: string
}

export interface ResponseObject {
  description: string
  headers?: Record<string, HeaderObject>
  content?: Record<string, MediaTypeObject>
  links?: Record<
    string,
    { operationId?: string; parameters?: Record<string, string>; requestBody?: unknown; description?: string }
  >
  [extension: `x-${string}`]: unknown
}

export interface OperationObject {
  operationId?: string
  tags?: string[]
  summary?: string
  description?: string
  parameters?: ParameterObject[]
  requestBody?: { required?: boolean; content: Record<string, MediaTypeObject> }
  responses: Record<string, ResponseObject>
  security?: Array<Record<string, string[]>>
  [extension: `x-${string}`]: unknown
}

export type PathItemObject = { parameters?: ParameterObject[] } & { [M in HttpMethod]?: OperationObject }

export interface OpenApiDocument {
  openapi: string
  info: { title: string; version: string; description?: string }
  servers?: Array<{ url: string; description?: string; variables?: Record<string, { default: string }> }>
  paths: Record<string, PathItemObject>
  components?: {
    schemas?: Record<string, SchemaObject>
    securitySchemes?: Record<string, Record<string, unknown>>
    [section: string]: unknown
  }
  security?: Array<Record<string, string[]>>
  tags?: Array<{ name: string; description?: string }>
  [extension: `x-${string}`]: unknown
}

/** One operation of a spec, with the path-level parameters merged in. */
export interface Operation {
  id: string
  method: HttpMethod
  /** The spec's path template, e.g. `/customers/{customer_id}`. */
  path: string
  parameters: ParameterObject[]
  definition: OperationObject
  /** The security requirements in force (the operation's own, else the document's). */
  security: Array<Record<string, string[]>>
}

export function listOperations(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = []
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of httpMethods) {
      const definition = item[method]
      if (!definition) continue
      const own = definition.parameters ?? []
      const inherited = (item.parameters ?? []).filter(
        (p) => !own.some((o) => o.name === p.name && o.in === p.in),
      )
      operations.push({
        id: definition.operationId ?? `${method} ${path}`,
        method,
        path,
        parameters: [...inherited, ...own],
        definition,
        security: definition.security ?? document.security ?? [],
      })
    }
  }
  return operations
}

/** The server URL the vendor documents, e.g. `https://api.toptickets.app/v1`, with variables filled. */
export function documentedBaseUrl(document: OpenApiDocument): string {
  const server = document.servers?.[0]
  if (!server) throw new Error(`Failed to read the base URL of "${document.info.title}": the spec has no servers entry. Add one.`)
  return server.url.replace(/\{(\w+)\}/g, (_, name: string) => server.variables?.[name]?.default ?? name)
}
