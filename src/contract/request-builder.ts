/** Turns request parts (path, query, body) into the request the suite sends, with credentials. */
import type { AppliedAuth } from './credentials.ts'
import type { SentRequest } from './exchange.ts'
import type { HttpClient } from './http-client.ts'
import type { SpecOperation } from './spec.ts'
import type { RequestParts } from './values/mutate.ts'

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value))

export function buildRequest(client: HttpClient, operation: SpecOperation, parts: RequestParts, auth?: AppliedAuth): SentRequest {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(text(parts.path[name] ?? '')))
  const query: Record<string, string | string[]> = { ...auth?.query }
  for (const [name, value] of Object.entries(parts.query)) {
    if (value !== undefined) query[name] = Array.isArray(value) ? value.map(text) : text(value)
  }
  const headers: Record<string, string> = { accept: 'application/json' }
  for (const [name, value] of Object.entries(parts.header ?? {})) if (value !== undefined) headers[name.toLowerCase()] = text(value)
  Object.assign(headers, auth?.headers)
  const request: SentRequest = { method: operation.method, url: client.url(path, query), headers }
  if (parts.rawBody !== undefined) {
    headers['content-type'] = parts.mediaType ?? 'application/json'
    request.body = { mediaType: headers['content-type'], text: parts.rawBody }
  } else if (parts.body !== undefined && parts.mediaType) {
    headers['content-type'] = parts.mediaType
    if (parts.mediaType === 'multipart/form-data') {
      const fields = Object.fromEntries(Object.entries(parts.body as object).map(([k, v]) => [k, text(v)]))
      request.body = { mediaType: parts.mediaType, fields }
    } else if (parts.mediaType === 'application/x-www-form-urlencoded') {
      const form = new URLSearchParams(Object.entries(parts.body as object).map(([k, v]) => [k, text(v)]))
      request.body = { mediaType: parts.mediaType, text: form.toString() }
    } else {
      request.body = { mediaType: parts.mediaType, text: JSON.stringify(parts.body) }
    }
  }
  return request
}
