/**
 * The spec as the contract suite reads it: loaded and dereferenced from the YAML file by
 * swagger-parser, with nothing taken from the mock's own code, so a bug in the mock cannot
 * hide itself from the suite.
 */
import { existsSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import SwaggerParser from '@apidevtools/swagger-parser'

export type Schema = { [keyword: string]: any }

export interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema?: Schema
  example?: unknown
}

export interface Media {
  schema?: Schema
  example?: unknown
  examples?: Record<string, { value?: unknown }>
}

export interface ResponseSpec {
  description?: string
  headers?: Record<string, { required?: boolean; schema?: Schema }>
  content?: Record<string, Media>
  links?: Record<string, { operationId?: string; parameters?: Record<string, string>; requestBody?: unknown }>
}

/** How a list operation pages, declared in the spec as `x-pagination`. */
export interface Pagination {
  style: 'offset' | 'page' | 'cursor'
  /** offset style: the parameter counting records to skip. */
  offset?: string
  /** The page-size parameter, if the API has one. */
  limit?: string
  /** The fixed page size of an API without a page-size parameter: a shorter page is the last. */
  pageSize?: number
  /** page style: the 1-based page-number parameter. */
  page?: string
  /** cursor style: the parameter that takes the last item's `cursorField`. */
  cursor?: string
  cursorField?: string
  /** JSON pointer to the item array in the body; '' (default) when the body is the array. */
  items?: string
  /** JSON pointer to an item's identity within it (default `/id`). */
  itemId?: string
  /** JSON pointer to the total count, if the API sends one. */
  total?: string
  /** JSON pointer to the next page's link; null or absent on the last page. */
  next?: string
}

export interface SpecOperation {
  id: string
  method: string
  path: string
  parameters: Parameter[]
  requestBody?: { required?: boolean; content: Record<string, Media> }
  responses: Record<string, ResponseSpec>
  security: Array<Record<string, string[]>>
  pagination?: Pagination
  /** A read the suite may send freely: GET/HEAD/OPTIONS, or an operation the spec marks `x-safe` (a search by POST). */
  safe: boolean
}

export interface Spec {
  title: string
  document: Schema
  operations: SpecOperation[]
  securitySchemes: Record<string, Schema>
  servers: string[]
}

const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']
// Found through the package's own name, so the path is the same from the sources and from the
// built files (whose chunks sit at another depth, and whose CommonJS build has no import.meta).
const specsDir = path.join(path.dirname(createRequire(import.meta.url).resolve('mockdesk/package.json')), 'specs/')

/** The spec file for an API id (`toptickets` → specs/toptickets.yaml), or the given path itself. */
export function specPath(apiOrPath: string): string {
  if (/\.(ya?ml|json)$/.test(apiOrPath)) return apiOrPath
  const path = `${specsDir}${apiOrPath}.yaml`
  if (!existsSync(path)) throw new Error(`There is no spec for "${apiOrPath}": expected ${path}. Pass an API id mockdesk knows or a path to an OpenAPI file.`)
  return path
}

/** The API ids with a spec in specs/, sorted: what `--all` runs. */
export const knownApis = () =>
  readdirSync(specsDir)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.slice(0, -'.yaml'.length))
    .sort()

/**
 * Where a server that hosts several APIs (mockdesk's own, or a gateway laid out like it) mounts
 * one: `/<id>` followed by the path of the spec's first server, e.g. `/toptickets/v1`.
 */
export const mountPath = (spec: Spec, id: string) => `/${id}${serverPath(spec)}`

/** The path of the spec's first server (`/v1`, or '' at the root). */
export function serverPath(spec: Spec): string {
  const server = spec.servers[0] ?? ''
  try {
    return new URL(server.replace(/\{(\w+)\}/g, 'x')).pathname.replace(/\/$/, '')
  } catch {
    return server.startsWith('/') ? server.replace(/\/$/, '') : ''
  }
}

export async function loadSpec(apiOrPath: string): Promise<Spec> {
  const document = (await SwaggerParser.dereference(specPath(apiOrPath))) as Schema
  const operations: SpecOperation[] = []
  for (const [path, item] of Object.entries<Schema>(document.paths ?? {})) {
    for (const method of methods) {
      const op = item[method]
      if (!op) continue
      const own: Parameter[] = op.parameters ?? []
      const inherited: Parameter[] = (item.parameters ?? []).filter((p: Parameter) => !own.some((o) => o.name === p.name && o.in === p.in))
      operations.push({
        id: op.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters: [...inherited, ...own],
        requestBody: op.requestBody,
        responses: op.responses ?? {},
        security: op.security ?? document.security ?? [],
        pagination: op['x-pagination'],
        safe: ['get', 'head', 'options'].includes(method) || op['x-safe'] === true,
      })
    }
  }
  return {
    title: document.info?.title ?? apiOrPath,
    document,
    operations,
    securitySchemes: document.components?.securitySchemes ?? {},
    servers: (document.servers ?? []).map((s: { url: string }) => s.url),
  }
}

export const isSafe = (operation: SpecOperation) => operation.safe

export const label = (operation: SpecOperation) => `${operation.method} ${operation.path}`
