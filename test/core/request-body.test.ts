import { describe, expect, it } from 'vitest'
import { listOperations, type OpenApiDocument } from '../../src/core/openapi-document.ts'
import { readBody } from '../../src/core/request-body.ts'
import { KitError } from '../../src/core/kit-error.ts'

const document: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'test', version: '1' },
  paths: {
    '/json': { post: { requestBody: { required: true, content: { 'application/json': { schema: {} } } }, responses: {} } },
    '/forms': {
      post: {
        requestBody: { content: { 'multipart/form-data': { schema: {} }, 'application/x-www-form-urlencoded': { schema: {} } } },
        responses: {},
      },
    },
  },
}
const [jsonOp, formOp] = listOperations(document)
const post = (body: BodyInit | null, headers: Record<string, string> = {}) => new Request('http://x/', { method: 'POST', body, headers })

describe('readBody', () => {
  it('parses JSON, and JSON without a content type', async () => {
    expect(await readBody(post('{"a":1}', { 'content-type': 'application/json; charset=utf-8' }), jsonOp!)).toEqual({
      ok: true,
      body: { value: { a: 1 }, mediaType: 'application/json', textual: false },
    })
    // A string body would get text/plain from fetch itself; bytes go without a content type.
    expect(await readBody(post(new TextEncoder().encode('[1]')), jsonOp!)).toMatchObject({ ok: true, body: { value: [1] } })
  })

  it('reports where malformed JSON breaks', async () => {
    const result = await readBody(post('{\n  "a": ,\n}', { 'content-type': 'application/json' }), jsonOp!)
    expect(result).toMatchObject({ ok: false, issue: { keyword: 'parse', params: { position: 9, line: 2, column: 8 } } })
  })

  it('reports an undocumented content type and a missing required body', async () => {
    expect(await readBody(post('a=1', { 'content-type': 'text/plain' }), jsonOp!)).toMatchObject({
      ok: false,
      issue: { keyword: 'mediaType', params: { received: 'text/plain', documented: ['application/json'] } },
    })
    expect(await readBody(post(null), jsonOp!)).toMatchObject({ ok: false, issue: { keyword: 'missingBody' } })
    expect(await readBody(post(null), formOp!)).toEqual({ ok: true })
  })

  it('reads urlencoded and multipart forms, with repeated fields as arrays', async () => {
    const urlencoded = await readBody(post('a=1&b=x&b=y', { 'content-type': 'application/x-www-form-urlencoded' }), formOp!)
    expect(urlencoded).toMatchObject({ ok: true, body: { value: { a: '1', b: ['x', 'y'] }, textual: true } })
    const form = new FormData()
    form.append('name', 'Anna')
    form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'hello.txt')
    const multipart = await readBody(new Request('http://x/', { method: 'POST', body: form }), formOp!)
    expect(multipart).toMatchObject({ ok: true, body: { value: { name: 'Anna', file: { filename: 'hello.txt', size: 5 } } } })
  })

  it('reports a multipart body whose boundary does not match', async () => {
    const result = await readBody(post('--zzz\r\nbroken', { 'content-type': 'multipart/form-data; boundary=abc' }), formOp!)
    expect(result).toMatchObject({ ok: false, issue: { keyword: 'parse' } })
  })

  it('reads multipart part names and file names written as bare tokens, as PHP does', async () => {
    const bytes = (...parts: Array<string | Uint8Array>) => {
      const chunks = parts.map((part) => (typeof part === 'string' ? new TextEncoder().encode(part) : part))
      const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
      chunks.reduce((offset, c) => (all.set(c, offset), offset + c.length), 0)
      return all
    }
    // Binary content that is not valid UTF-8 must come through byte for byte.
    const binary = new Uint8Array([0x00, 0x80, 0x9f, 0xff, 0x0d, 0x0a])
    const body = bytes(
      '--b1\r\nContent-Disposition: form-data; name=firstname\r\n\r\nAda\r\n',
      '--b1\r\ncontent-disposition: form-data; name="lastname"\r\n\r\nLovelace\r\n',
      // A part whose content looks like a bare header is content, and stays as sent.
      '--b1\r\nContent-Disposition: form-data; name=note\r\n\r\nContent-Disposition: form-data; name=x\r\n',
      '--b1\r\nContent-Disposition: form-data; name=upload; filename=photo.bin\r\nContent-Type: application/octet-stream\r\n\r\n',
      binary,
      '\r\n--b1--\r\n',
    )
    const result = await readBody(post(body, { 'content-type': 'multipart/form-data; boundary=b1' }), formOp!)
    expect(result).toMatchObject({
      ok: true,
      body: {
        value: {
          firstname: 'Ada',
          lastname: 'Lovelace',
          note: 'Content-Disposition: form-data; name=x',
          upload: { filename: 'photo.bin', size: binary.length },
        },
      },
    })
    // Still refused: a bare name does not rescue a body that is broken otherwise.
    const broken = await readBody(post('--b1\r\nContent-Disposition: form-data; name=a\r\n\r\nx', { 'content-type': 'multipart/form-data; boundary=b1' }), formOp!)
    expect(broken).toMatchObject({ ok: false, issue: { keyword: 'parse' } })
  })

  it('refuses a body over the limit, declared or streamed', async () => {
    await expect(readBody(post('x'.repeat(11), { 'content-length': '11' }), jsonOp!, 10)).rejects.toBeInstanceOf(KitError)
    const stream = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode('x'.repeat(20))), c.close()) })
    const streamed = new Request('http://x/', { method: 'POST', body: stream, duplex: 'half' } as RequestInit)
    await expect(readBody(streamed, jsonOp!, 10)).rejects.toMatchObject({ code: 'MOCKDESK_BODY_TOO_LARGE', status: 413 })
  })
})
