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

function maskedText(text: string, type: string): string {
  if (/[/+]json\b/i.test(type)) {
    try {
      return JSON.stringify(maskedJson(JSON.parse(text)), null, 2)
    } catch {
      return text // not JSON after all: shown as sent
    }
  }
  if (/x-www-form-urlencoded/i.test(type)) return maskedQuery(text)
  return text
}

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

async function side(message: Request | Response): Promise<ExchangeSide> {
  const headers = maskedHeaders(message.headers)
  if (message.body === null) return { headers, size: 0 }
  const type = message.headers.get('content-type') ?? ''
  if (!isText(type)) {
    const bytes = (await message.arrayBuffer()).byteLength
    return { headers, body: `(${bytes} bytes of ${type || 'unknown type'})`, size: bytes }
  }
  const text = maskedText(await message.text(), type)
  if (text.length === 0) return { headers, size: 0 }
  return text.length > maxBodyChars ? { headers, body: text.slice(0, maxBodyChars), size: text.length, truncated: true } : { headers, body: text, size: text.length }
}

/**
 * Reads both sides from copies: `request` must be a clone taken before the handler read the body;
 * the response is cloned here, so the client still gets its own.
 */
export async function captureExchange(request: Request, response: Response): Promise<RequestExchange> {
  const [requestSide, responseSide] = await Promise.all([side(request), side(response.clone())])
  return { request: requestSide, response: responseSide }
}
