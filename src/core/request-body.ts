/**
 * Reads a request body the way its operation documents it: JSON, urlencoded form or multipart
 * form. Problems (malformed content, an undocumented content type, a missing body) come back as
 * request issues for the API to word; an oversized body is mockdesk's own 413.
 */
import { parse as parseLenient, type ParseError } from 'jsonc-parser'
import secureJson from 'secure-json-parse'
import { KitError } from './kit-error.ts'
import type { Operation } from './openapi-document.ts'
import type { RequestIssue } from './request-issue.ts'

export const defaultMaxBodyBytes = 1024 * 1024

export type BodyResult =
  | { ok: true; body?: { value: unknown; mediaType: string; textual: boolean } }
  | { ok: false; issue: RequestIssue }

export const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json')

/** `multipart/form-data; boundary=x` → `multipart/form-data`. */
export function mediaTypeOf(header: string | null): string | undefined {
  const essence = header?.split(';')[0]?.trim().toLowerCase()
  return essence || undefined
}

/**
 * How deep a JSON body may nest. Every API here documents flat records a few levels deep; past
 * this, code that walks a value recursively (error positions, input trimming, serialization)
 * would overflow the stack, so a deeper body is malformed input, as PHP's json_decode (depth 512)
 * or Python's json (recursion limit) also refuse it.
 */
export const maxJsonDepth = 64

/**
 * JSON.parse, minus every `__proto__` key and every `constructor` key holding a `prototype`
 * (secure-json-parse), so no later copy or merge of the value can reach Object.prototype. Throws
 * a SyntaxError for malformed JSON, as JSON.parse does.
 */
export function parseJsonSafely(text: string): unknown {
  return secureJson.parse(text, null, safeJsonOptions)
}

const safeJsonOptions = { protoAction: 'remove', constructorAction: 'remove' } as const

/** One decoder for every body: decoding a whole body at once keeps no state between calls. */
const utf8 = new TextDecoder()

/**
 * The offset where `text` first nests deeper than `limit` (outside strings), or -1. One pass with
 * no recursion, so it is safe on any input, well-formed or not.
 */
export function excessiveNesting(text: string, limit = maxJsonDepth): number {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92 /* \\ */) i++
      else if (c === 34 /* " */) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return i
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--
  }
  return -1
}

const tooLarge = (maxBytes: number) =>
  new KitError(
    'MOCKDESK_BODY_TOO_LARGE',
    `The request body is larger than mockdesk accepts (${maxBytes} bytes).`,
    'Send a smaller body, or raise the limit with the maxBodyBytes option (--max-body-bytes on the command line).',
    { limit: maxBytes },
  )

/** Reads a whole body, refusing one larger than `maxBytes` with mockdesk's own 413. */
export async function readBodyBytes(request: Request, maxBytes = defaultMaxBodyBytes): Promise<Uint8Array<ArrayBuffer>> {
  const length = request.headers.get('content-length')
  const declared = Number(length)
  if (declared > maxBytes) throw tooLarge(maxBytes)
  // A declared length bounds the body (the HTTP parser stops there), so it can be read in one go,
  // which the Node adapter does without building a web stream; only an undeclared (chunked) body
  // is streamed and counted.
  if (length !== null && Number.isInteger(declared)) return new Uint8Array(await request.arrayBuffer())
  if (!request.body) return new Uint8Array()
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = request.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      // Not cancelled: under Node, cancelling destroys the connection before the 413 is written.
      // The Node adapter reads and drops (a bounded amount of) the rest once the answer is out.
      reader.releaseLock()
      throw tooLarge(maxBytes)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/**
 * Where malformed JSON first goes wrong. JSON.parse does not always say (V8 omits the position for
 * "Unexpected token"), so the error path asks jsonc-parser, which reports an offset for every error.
 */
function parsePosition(text: string, at?: number) {
  const errors: ParseError[] = []
  // jsonc-parser recurses per level: only ever given text no deeper than maxJsonDepth.
  if (at === undefined) parseLenient(text, errors, { disallowComments: true, allowTrailingComma: false })
  const position = at ?? errors[0]?.offset ?? text.length
  const before = text.slice(0, position)
  const line = before.split('\n').length
  const column = position - before.lastIndexOf('\n')
  return { position, line, column, source: text }
}

/** Form fields as an object; a `__proto__` field is dropped, as secure-json-parse drops the JSON key. */
function formToObject(entries: Iterable<[string, FormDataEntryValue]>): Record<string, unknown> {
  // Null prototype while collecting, so no field name can resolve to an inherited member.
  const object: Record<string, unknown> = Object.create(null)
  for (const [name, value] of entries) {
    if (name === '__proto__') continue
    const field = typeof value === 'string' ? value : { filename: value.name, type: value.type, size: value.size }
    const existing = object[name]
    object[name] = existing === undefined ? field : Array.isArray(existing) ? [...existing, field] : [existing, field]
  }
  return { ...object }
}

const formData = (bytes: Uint8Array<ArrayBuffer>, contentType: string) =>
  new Response(bytes, { headers: { 'content-type': contentType } }).formData()

/**
 * The fetch API's multipart parser wants quoted part names (`name="firstname"`); PHP and most
 * server parsers also take the bare token RFC 7578 allows (`name=firstname`). A body the parser
 * refuses is tried once more with bare `name`/`filename` values quoted, so the fast path is
 * untouched and a body that is really broken still fails.
 */
async function parseMultipart(bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<FormData> {
  try {
    return await formData(bytes, contentType)
  } catch (error) {
    const quoted = quoteBarePartNames(bytes, contentType)
    if (!quoted) throw error
    return await formData(quoted, contentType)
  }
}

/** One char per byte, both ways, so binary part contents survive the header rewrite unchanged. */
const bytesToBinary = (bytes: Uint8Array) => {
  let text = ''
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return text
}
const binaryToBytes = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0))

const escapeRegExp = (text: string) => text.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')

/** The body with `name=x` / `filename=x` quoted in its part headers only, or undefined if none is bare. */
function quoteBarePartNames(bytes: Uint8Array, contentType: string): Uint8Array<ArrayBuffer> | undefined {
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  if (!boundary) return undefined
  const delimiter = escapeRegExp(`--${boundary[1] ?? boundary[2]}`)
  // A part's headers run from its delimiter line to the first blank line; the content after is left alone.
  const partHeaders = new RegExp(`(^|\r\n)(${delimiter}[ \t]*\r\n)([\\s\\S]*?)(\r\n\r\n)`, 'g')
  const bareParameter = /(;\s*(?:name|filename)=)([^";\s]+)(?=\s*(?:;|$))/gi
  let changed = false
  const text = bytesToBinary(bytes).replace(partHeaders, (_match, start, line, headers: string, end) => {
    const rewritten = headers.replace(/^content-disposition:.*$/gim, (disposition) =>
      disposition.replace(bareParameter, (_m, key, value) => `${key}"${value}"`),
    )
    if (rewritten !== headers) changed = true
    return `${start}${line}${rewritten}${end}`
  })
  return changed ? binaryToBytes(text) : undefined
}

/** The media types a request body is documented in, listed once per operation. */
const documentedTypeLists = new WeakMap<object, string[]>()
function documentedTypes(content: object): string[] {
  let types = documentedTypeLists.get(content)
  if (!types) documentedTypeLists.set(content, (types = Object.keys(content)))
  return types
}

export async function readBody(request: Request, operation: Operation, maxBytes = defaultMaxBodyBytes): Promise<BodyResult> {
  const requestBody = operation.definition.requestBody
  if (!requestBody) return { ok: true }
  const documented = documentedTypes(requestBody.content)
  const bytes = await readBodyBytes(request, maxBytes)
  if (bytes.byteLength === 0) {
    if (!requestBody.required) return { ok: true }
    return {
      ok: false,
      issue: { in: 'body', path: [], keyword: 'missingBody', params: { documented: [...documented] }, message: 'A request body is required.' },
    }
  }

  const header = request.headers.get('content-type')
  // No Content-Type at all: read it as the first documented type, as most frameworks do.
  const received = mediaTypeOf(header) ?? documented[0]!
  const mediaType = documented.find((type) => type === received || (isJson(type) && isJson(received)))
  if (!mediaType) {
    return {
      ok: false,
      issue: {
        in: 'body',
        path: [],
        keyword: 'mediaType',
        params: { received, documented: [...documented] },
        message: `Content type ${received} is not accepted; send ${documented.join(' or ')}.`,
      },
    }
  }

  if (isJson(mediaType)) {
    const text = utf8.decode(bytes)
    const tooDeep = excessiveNesting(text)
    if (tooDeep !== -1) {
      const params = { ...parsePosition(text, tooDeep), maxDepth: maxJsonDepth }
      return { ok: false, issue: { in: 'body', path: [], keyword: 'parse', params, message: `The body nests deeper than ${maxJsonDepth} levels.` } }
    }
    try {
      return { ok: true, body: { value: parseJsonSafely(text), mediaType, textual: false } }
    } catch {
      const params = parsePosition(text)
      return { ok: false, issue: { in: 'body', path: [], keyword: 'parse', params, message: 'The body is not valid JSON.' } }
    }
  }

  if (mediaType === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(utf8.decode(bytes))
    return { ok: true, body: { value: formToObject(form), mediaType, textual: true } }
  }

  if (mediaType === 'multipart/form-data') {
    try {
      const form = await parseMultipart(bytes, header ?? mediaType)
      return { ok: true, body: { value: formToObject(form), mediaType, textual: true } }
    } catch {
      return {
        ok: false,
        issue: {
          in: 'body',
          path: [],
          keyword: 'parse',
          params: { source: 'multipart' },
          message: 'The body is not valid multipart/form-data (check the boundary in the Content-Type header).',
        },
      }
    }
  }

  return { ok: true, body: { value: utf8.decode(bytes), mediaType, textual: true } }
}
