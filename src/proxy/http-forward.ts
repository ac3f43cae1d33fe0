/**
 * The HTTP plumbing of forwarding: which headers belong to one connection only (RFC 9110 §7.6.1)
 * and must not be passed on, reading a bounded request body, decoding a compressed copy of a
 * response for checking, and writing a fetch Response (a kit error) to a Node response.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib'
import { KitError } from '../core/kit-error.ts'

const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade'])

/**
 * Raw headers (`[name, value, name, value, ...]`, case and order as received) without the
 * hop-by-hop ones, including those the Connection header names.
 */
export function endToEndHeaders(raw: string[], drop: string[] = []): string[] {
  const named = new Set(drop)
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() === 'connection') for (const token of raw[i + 1]!.split(',')) named.add(token.trim().toLowerCase())
  }
  const kept: string[] = []
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase()
    if (!hopByHop.has(name) && !named.has(name)) kept.push(raw[i]!, raw[i + 1]!)
  }
  return kept
}

/** `[name, value, ...]` as pairs. */
export const pairs = (raw: string[]) => Array.from({ length: raw.length / 2 }, (_, i) => [raw[2 * i]!, raw[2 * i + 1]!] as [string, string])

/** Lower-case names, repeated headers joined as Node does. */
export function headerRecord(raw: string[]): Record<string, string> {
  const record: Record<string, string> = {}
  for (const [name, value] of pairs(raw)) {
    const key = name.toLowerCase()
    record[key] = record[key] === undefined ? value : `${record[key]}, ${value}`
  }
  return record
}

export const tooLarge = (maxBytes: number) =>
  new KitError('MOCKDESK_BODY_TOO_LARGE', `The request body is larger than the proxy accepts (${maxBytes} bytes).`, 'Send a smaller body, or raise the limit with --max-body-bytes.', { limit: maxBytes })

/** The whole request body, or a 413 kit error past `maxBytes` (the rest is never read). */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(request.headers['content-length']) > maxBytes) return reject(tooLarge(maxBytes))
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength
      if (size > maxBytes) {
        request.off('data', onData)
        request.pause()
        return reject(tooLarge(maxBytes))
      }
      chunks.push(chunk)
    }
    request.on('data', onData)
    request.once('end', () => resolve(Buffer.concat(chunks)))
    request.once('error', reject)
  })
}

/** A copy of a response body with its Content-Encoding undone, for checking; undefined if it cannot be. */
export function decoded(body: Buffer, encoding: string | undefined): Buffer | undefined {
  try {
    switch ((encoding ?? '').trim().toLowerCase()) {
      case '':
      case 'identity':
        return body
      case 'gzip':
      case 'x-gzip':
        return gunzipSync(body)
      case 'br':
        return brotliDecompressSync(body)
      case 'deflate':
        return inflateSync(body)
      default:
        return undefined
    }
  } catch {
    return undefined
  }
}

/** Writes a fetch Response (a kit error or a control answer) to a Node response. */
export async function send(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer())
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => (headers[name] = value))
  res.writeHead(response.status, { ...headers, 'content-length': String(body.byteLength) })
  res.end(body)
}
