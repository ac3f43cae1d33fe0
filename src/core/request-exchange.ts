/**
 * A logged request's headers and bodies, both ways, as the sandbox page's expandable log rows show
 * them: credentials masked (the names in secret-names.ts: headers, query parameters, JSON and form
 * fields), each body cut at `maxBodyChars`, binary bodies described instead of shown. Kept only
 * while a page watches the world's log (see RequestLog.watched), so a server nobody watches pays
 * nothing for it.
 */
import { isSecretName, maskedCredential, secretMask } from './secret-names.ts'

export interface ExchangeSide {
  headers: Record<string, string>
  /** The body as text (masked, cut at maxBodyChars); absent when there is none. */
  body?: string
  /** The body's whole length in characters (bytes for a binary body). */
  size: number
  /** True when `body` is cut short of `size`. */
  truncated?: boolean
}

export interface RequestExchange {
  request: ExchangeSide
  response: ExchangeSide
}

export const maxBodyChars = 8 * 1024

const isText = (type: string) => type === '' || /^text\/|[/+](json|xml|x-www-form-urlencoded)\b|^multipart\//i.test(type)

function maskedHeaders(headers: Headers): Record<string, string> {
  const shown: Record<string, string> = {}
  for (const [name, value] of headers) shown[name] = isSecretName(name) ? maskedCredential(value) : value
  return shown
}

/** Secret fields of a JSON value masked, at any depth. */
function maskedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskedJson)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, isSecretName(key) && (item === null || typeof item !== 'object') ? secretMask : maskedJson(item)]))
  }
  return value
}

/** `"name": value` in JSON text, the value a string, number or literal. */
const jsonMember = /"([^"\\]{1,64})"\s*:\s*("(?:[^"\\]|\\.)*"?|[^,}\]\s]+)/g

function maskedText(text: string, type: string): string {
  if (/[/+]json\b/i.test(type)) {
    try {
      return JSON.stringify(maskedJson(JSON.parse(text)), null, 2)
    } catch {
      // Not whole JSON (cut short, or broken as sent): secret fields masked where they stand.
      return text.replace(jsonMember, (member, name: string) => (isSecretName(name) ? `"${name}": "${secretMask}"` : member))
    }
  }
  if (/x-www-form-urlencoded/i.test(type)) return maskedQuery(text)
  if (/^multipart\//i.test(type)) return text.replace(multipartField, (part, head: string, name: string) => (isSecretName(name) ? `${head}${secretMask}` : part))
  return text
}

/** A multipart part's headers (naming the field) and the first line of its value. */
const multipartField = /(content-disposition:[^\r\n]*\bname="([^"]*)"[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n)([^\r\n]*)/gi

/** `a=1&apiKey=...` with its secret parameters masked. */
function maskedQuery(query: string): string {
  const params = new URLSearchParams(query)
  for (const [name] of params) if (isSecretName(name)) params.set(name, secretMask)
  return params.toString()
}

const mayHoldSecret = /key|token|auth|secret|pass|cookie|session|signature/i

/** A path with query whose secret parameters (`?apiKey=`) are masked; unchanged without any. */
export function maskedPath(path: string): string {
  const at = path.indexOf('?')
  // Most queries (`?limit=2`) name nothing like a credential: answered without parsing them.
  if (at < 0 || !mayHoldSecret.test(path.slice(at).replace(/[_\-\s+]/g, ''))) return path
  const query = path.slice(at + 1)
  const params = new URLSearchParams(query)
  if (![...params.keys()].some(isSecretName)) return path
  return `${path.slice(0, at)}?${maskedQuery(query)}`
}

/**
 * The most of a request body that is copied for the log: a larger one (or one streamed without a
 * length) is not copied at all. Reading only part of a copy would stall the Node adapter's own
 * reading of the rest, and the connection with it.
 */
export const maxCopiedBytes = 4 * maxBodyChars

/** What the log gets of a request before its handler reads it (see `copyRequest`). */
export interface RequestCopy {
  request: Request
  body: 'copied' | 'none' | 'not-kept'
}

/**
 * A copy of `request` to log, taken before the handler reads its body. Decided by the headers
 * alone: even looking at `request.body` makes the Node adapter wrap the connection in a stream.
 */
export function copyRequest(request: Request): RequestCopy {
  const length = request.headers.get('content-length')
  const declared = Number(length)
  if (length === null ? !request.headers.has('transfer-encoding') : declared === 0) return { request, body: 'none' }
  if (Number.isSafeInteger(declared) && declared > 0 && declared <= maxCopiedBytes) return { request: request.clone(), body: 'copied' }
  return { request, body: 'not-kept' }
}

async function side(message: Request | Response): Promise<ExchangeSide> {
  const headers = maskedHeaders(message.headers)
  if (message.body === null) return { headers, size: 0 }
  const type = message.headers.get('content-type') ?? ''
  const bytes = new Uint8Array(await message.arrayBuffer())
  if (bytes.byteLength === 0) return { headers, size: 0 }
  if (!isText(type)) return { headers, body: `(${bytes.byteLength} bytes of ${type || 'unknown type'})`, size: bytes.byteLength }
  const text = maskedText(new TextDecoder().decode(bytes), type)
  return text.length > maxBodyChars ? { headers, body: text.slice(0, maxBodyChars), size: text.length, truncated: true } : { headers, body: text, size: text.length }
}

function notKept(request: Request): ExchangeSide {
  const length = Number(request.headers.get('content-length'))
  const size = Number.isSafeInteger(length) && length > 0 ? length : 0
  const body = size > 0 ? `(${size} bytes: not kept, more than ${maxCopiedBytes / 1024} KiB)` : `(a streamed body: not kept)`
  return { headers: maskedHeaders(request.headers), body, size, truncated: true }
}

/**
 * Reads both sides from copies: the request's taken by `copyRequest` before the handler read its
 * body; the response is cloned here, so the client still gets its own.
 */
export async function captureExchange(copy: RequestCopy, response: Response): Promise<RequestExchange> {
  const requestSide =
    copy.body === 'copied' ? side(copy.request) : Promise.resolve(copy.body === 'none' ? { headers: maskedHeaders(copy.request.headers), size: 0 } : notKept(copy.request))
  const [request, responseSide] = await Promise.all([requestSide, side(response.clone())])
  return { request, response: responseSide }
}
