/**
 * Recorded exchanges as HAR 1.2 files, one per exchange (`<dir>/<api>/<seq>-<operationId>.har`),
 * so a crash loses nothing and any HAR viewer opens them. Everything written goes through the
 * redactor first: header values of credentials, credential query parameters, and (by default)
 * e-mails, names and phone numbers in bodies, URLs and headers. Bodies that are not text are not
 * written at all. `_mockdesk` (HAR's extension convention) names the API and operation, which is
 * what `mockdesk serve --seed-from` reads.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Redactor } from './redact.ts'

export interface HarExchange {
  api: string
  operationId?: string
  seq: number
  startedAt: Date
  ms: number
  request: { method: string; url: string; headers: Array<[string, string]>; body: Uint8Array; contentType?: string }
  response: { status: number; statusText: string; headers: Array<[string, string]>; body?: Uint8Array; contentType?: string }
}

export interface HarEntry {
  startedDateTime: string
  time: number
  request: {
    method: string
    url: string
    httpVersion: string
    headers: Array<{ name: string; value: string }>
    queryString: Array<{ name: string; value: string }>
    cookies: []
    headersSize: -1
    bodySize: number
    postData?: { mimeType: string; text: string; comment?: string }
  }
  response: {
    status: number
    statusText: string
    httpVersion: string
    headers: Array<{ name: string; value: string }>
    cookies: []
    content: { size: number; mimeType: string; text?: string; comment?: string }
    redirectURL: ''
    headersSize: -1
    bodySize: number
  }
  cache: Record<string, never>
  timings: { send: 0; wait: number; receive: 0 }
  _mockdesk: { api: string; operationId?: string }
}

export interface Har {
  log: { version: '1.2'; creator: { name: string; version: string }; entries: HarEntry[] }
}

const isText = (mediaType = '') => /json|text|xml|x-www-form-urlencoded|javascript/.test(mediaType)

/** A body as redacted text: JSON field by field, forms by field, other text by its e-mails. */
function redactedText(redactor: Redactor, bytes: Uint8Array, mediaType: string): string | undefined {
  if (!isText(mediaType)) return undefined
  const text = new TextDecoder().decode(bytes)
  if (/json/.test(mediaType)) {
    try {
      return JSON.stringify(redactor.value(JSON.parse(text)))
    } catch {
      return redactor.text(text)
    }
  }
  if (/x-www-form-urlencoded/.test(mediaType)) {
    const form = new URLSearchParams(text)
    for (const [name, value] of [...form]) form.set(name, String(redactor.value(value, name)))
    return form.toString()
  }
  return redactor.text(text)
}

export function harEntry(exchange: HarExchange, redactor: Redactor): HarEntry {
  const url = redactor.url(exchange.request.url)
  const headers = (list: Array<[string, string]>) => list.map(([name, value]) => ({ name, value: redactor.header(name, value) }))
  const requestType = exchange.request.contentType ?? ''
  const responseType = exchange.response.contentType ?? ''
  const requestText = exchange.request.body.byteLength ? redactedText(redactor, exchange.request.body, requestType) : undefined
  const responseBody = exchange.response.body
  const responseText = responseBody?.byteLength ? redactedText(redactor, responseBody, responseType) : undefined
  return {
    startedDateTime: exchange.startedAt.toISOString(),
    time: exchange.ms,
    request: {
      method: exchange.request.method,
      url,
      httpVersion: 'HTTP/1.1',
      headers: headers(exchange.request.headers),
      queryString: [...new URL(url).searchParams].map(([name, value]) => ({ name, value })),
      cookies: [],
      headersSize: -1,
      bodySize: exchange.request.body.byteLength,
      ...(exchange.request.body.byteLength
        ? { postData: { mimeType: requestType, text: requestText ?? '', ...(requestText === undefined ? { comment: 'not recorded: not a text body' } : {}) } }
        : {}),
    },
    response: {
      status: exchange.response.status,
      statusText: exchange.response.statusText,
      httpVersion: 'HTTP/1.1',
      headers: headers(exchange.response.headers),
      cookies: [],
      content: {
        size: responseBody?.byteLength ?? -1,
        mimeType: responseType,
        ...(responseText !== undefined ? { text: responseText } : responseBody?.byteLength ? { comment: 'not recorded: not a text body, or too large' } : {}),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: responseBody?.byteLength ?? -1,
    },
    cache: {},
    timings: { send: 0, wait: exchange.ms, receive: 0 },
    _mockdesk: { api: exchange.api, operationId: exchange.operationId },
  }
}

export const harOf = (entries: HarEntry[]): Har => ({ log: { version: '1.2', creator: { name: 'mockdesk proxy', version: '1' }, entries } })

export class HarRecorder {
  constructor(
    readonly dir: string,
    readonly redactor: Redactor,
  ) {}

  async write(exchange: HarExchange): Promise<string> {
    const folder = join(this.dir, exchange.api)
    await mkdir(folder, { recursive: true })
    const name = `${String(exchange.seq).padStart(5, '0')}-${exchange.operationId ?? 'undocumented'}-${exchange.response.status}.har`
    const path = join(folder, name)
    await writeFile(path, `${JSON.stringify(harOf([harEntry(exchange, this.redactor)]), null, 2)}\n`)
    return path
  }
}

/** Every entry of every `.har` file under `dir`, in file name order. */
export async function readHarEntries(dir: string): Promise<HarEntry[]> {
  const files = (await readdir(dir, { recursive: true })).filter((file) => file.endsWith('.har')).sort()
  const entries: HarEntry[] = []
  for (const file of files) {
    let har: Har
    try {
      har = JSON.parse(await readFile(join(dir, file), 'utf8')) as Har
    } catch (error) {
      throw new Error(`${join(dir, file)} is not a HAR file (${error instanceof Error ? error.message : error})`)
    }
    entries.push(...(har.log?.entries ?? []))
  }
  return entries
}
