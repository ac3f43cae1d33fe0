/**
 * A request anyone can copy to try an API: its first paged list (else its first GET without path
 * parameters) with a key the mock accepts, put where the spec's security scheme says (Bearer,
 * Basic, an API-key header or query). The sandbox page shows it as `curl`; the browser test
 * authorizes its requests with the same rules.
 */
import type { ApiDefinition } from './define-api.ts'
import { listOperations, type OpenApiDocument, type Operation } from './openapi-document.ts'

export interface Authorization {
  headers: Record<string, string>
  query: Record<string, string>
}

type Scheme = { type?: string; scheme?: string; in?: string; name?: string }

// The plainest to read and type first: a Bearer header beats an API key in the URL or Basic.
function rank(scheme: Scheme | undefined): number {
  if (scheme?.type === 'http' && /^bearer$/i.test(scheme.scheme ?? '')) return 0
  if (scheme?.type === 'apiKey' && scheme.in === 'header') return 1
  if (scheme?.type === 'apiKey' && scheme.in === 'query') return 2
  if (scheme?.type === 'http' && /^basic$/i.test(scheme.scheme ?? '')) return 3
  return Number.POSITIVE_INFINITY
}

/** Where `key` goes for this operation; empty when it needs no auth. */
export function authorize(document: OpenApiDocument, operation: Operation, key: string): Authorization {
  const schemes = (document.components?.securitySchemes ?? {}) as Record<string, Scheme>
  const requirement = [...operation.security].sort(
    (a, b) => Math.max(...Object.keys(a).map((n) => rank(schemes[n])), 0) - Math.max(...Object.keys(b).map((n) => rank(schemes[n])), 0),
  )[0]
  const result: Authorization = { headers: {}, query: {} }
  for (const name of Object.keys(requirement ?? {})) {
    const scheme = schemes[name]
    if (scheme?.type === 'http' && /^bearer$/i.test(scheme.scheme ?? '')) result.headers.Authorization = `Bearer ${key}`
    else if (scheme?.type === 'http' && /^basic$/i.test(scheme.scheme ?? '')) result.headers.Authorization = `Basic ${btoa(`${key}:`)}`
    else if (scheme?.type === 'apiKey' && scheme.in === 'header' && scheme.name) result.headers[scheme.name] = key
    else if (scheme?.type === 'apiKey' && scheme.in === 'query' && scheme.name) result.query[scheme.name] = key
  }
  return result
}

/** The list operation an API is best introduced by: paged, no path parameters. */
export function introductoryOperation(document: OpenApiDocument): Operation | undefined {
  const reads = listOperations(document).filter((op) => op.method === 'get' && !op.path.includes('{'))
  return reads.find((op) => op.definition['x-pagination']) ?? reads[0]
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`

/** `curl` for the introductory operation against `baseUrl`, with the API's first key. */
export function sampleCurl(api: ApiDefinition, baseUrl: string): string | undefined {
  const operation = introductoryOperation(api.document)
  if (!operation) return undefined
  const key = api.keys[0]?.key
  const auth = key ? authorize(api.document, operation, key) : { headers: {}, query: {} }
  const url = new URL(baseUrl.replace(/\/$/, '') + operation.path)
  for (const [name, value] of Object.entries(auth.query)) url.searchParams.set(name, value)
  const headers = Object.entries(auth.headers).map(([name, value]) =>
    // Basic is easier to read and edit as curl's own -u than as base64.
    name === 'Authorization' && value.startsWith('Basic ') ? `-u ${quote(`${key}:`)}` : `-H ${quote(`${name}: ${value}`)}`,
  )
  return ['curl', ...headers, quote(url.href)].join(' ')
}
