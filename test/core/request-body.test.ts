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

  it('refuses a body over the limit, declared or streamed', async () => {
    await expect(readBody(post('x'.repeat(11), { 'content-length': '11' }), jsonOp!, 10)).rejects.toBeInstanceOf(KitError)
    const stream = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode('x'.repeat(20))), c.close()) })
    const streamed = new Request('http://x/', { method: 'POST', body: stream, duplex: 'half' } as RequestInit)
    await expect(readBody(streamed, jsonOp!, 10)).rejects.toMatchObject({ code: 'MOCKDESK_BODY_TOO_LARGE', status: 413 })
  })
})
