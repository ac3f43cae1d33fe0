/**
 * Explicit error selection, Prism's convention: `Prefer: code=429` (or `?__code=429` where a
 * browser app cannot set headers) answers with the operation's documented response for that
 * status. Errors never happen at random; an undocumented status is mockdesk's own error.
 */
import { sample } from 'openapi-sampler'
import { KitError } from './kit-error.ts'
import type { Operation, SchemaObject } from './openapi-document.ts'

export const preferQueryParameter = '__code'

/** The status the caller asked for, if any. */
export function preferredStatus(request: Request, url: URL): number | undefined {
  const fromHeader = /(?:^|[,;\s])code=(\d{3})\b/.exec(request.headers.get('prefer') ?? '')?.[1]
  const raw = fromHeader ?? url.searchParams.get(preferQueryParameter) ?? undefined
  if (raw === undefined) return undefined
  if (!/^\d{3}$/.test(raw)) {
    throw new KitError(
      'MOCKDESK_UNDOCUMENTED_STATUS',
      `"${raw}" is not an HTTP status code.`,
      'Send Prefer: code=<status> (or ?__code=<status>) with a three-digit status the operation documents.',
    )
  }
  return Number(raw)
}

function exampleOf(media: { example?: unknown; examples?: Record<string, { value?: unknown }>; schema?: SchemaObject }) {
  if (media.example !== undefined) return media.example
  const first = Object.values(media.examples ?? {})[0]
  if (first?.value !== undefined) return first.value
  return media.schema ? sample(media.schema as never, { skipReadOnly: false }) : undefined
}

/** The documented response for `status`: its example body (or one sampled from its schema) and headers. */
export function documentedResponse(operation: Operation, status: number): Response {
  const documented = Object.keys(operation.definition.responses)
  const response = operation.definition.responses[String(status)]
  if (!response) {
    throw new KitError(
      'MOCKDESK_UNDOCUMENTED_STATUS',
      `${operation.method.toUpperCase()} ${operation.path} (${operation.id}) does not document a ${status} response.`,
      `Ask for one of the documented statuses: ${documented.join(', ')}.`,
      { documented },
    )
  }
  const headers = new Headers()
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    const value = header.example ?? (header.schema ? sample(header.schema as never) : undefined)
    if (value !== undefined) headers.set(name, String(value))
  }
  const [mediaType, media] = Object.entries(response.content ?? {})[0] ?? []
  if (!mediaType || !media || status === 204 || status === 304) return new Response(null, { status, headers })
  headers.set('content-type', mediaType)
  const body = exampleOf(media)
  return new Response(typeof body === 'string' && !mediaType.includes('json') ? body : JSON.stringify(body), { status, headers })
}
