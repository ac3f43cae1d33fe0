import { expect, it } from 'vitest'
import { maskedPath } from '../../src/core/request-exchange.ts'
import { secretNames } from '../../src/core/secret-names.ts'

it('masks every secret query parameter of a logged path, however it is written, and leaves others alone', () => {
  for (const name of secretNames) expect(maskedPath(`/x?a=1&${name}=s3cret`), name).toBe(`/x?a=1&${name}=%5BREDACTED%5D`)
  for (const name of ['api_key', 'X-Api-Key', 'Access-Token', 'session_id']) expect(maskedPath(`/x?${name}=s3cret`), name).not.toContain('s3cret')
  expect(maskedPath('/x?limit=2&skip=4')).toBe('/x?limit=2&skip=4')
  expect(maskedPath('/x')).toBe('/x')
  // A parameter whose value, not name, looks like a secret's name is kept as sent.
  expect(maskedPath('/x?q=token%20here')).toBe('/x?q=token%20here')
})

it('masks secret fields of JSON (whole or broken), form and multipart bodies, and credential headers', async () => {
  const { captureExchange, copyRequest } = await import('../../src/core/request-exchange.ts')
  const form = new FormData()
  form.set('name', 'Ada')
  form.set('password', 'hunter22')
  const requests = [
    new Request('http://x/a', { method: 'POST', headers: { authorization: 'Basic QWxhZGRpbjpvcGVu', 'content-type': 'application/json' }, body: '{"user": {"password": "hunter22", "name": "Ada"}}' }),
    new Request('http://x/a', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name": "Ada", "password": "hunter22", oops' }),
    new Request('http://x/a', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=Ada&password=hunter22' }),
    new Request('http://x/a', { method: 'POST', body: form }),
  ]
  for (const request of requests) {
    // A Request built here has no content-length of its own; the server's always do for such bodies.
    const text = await request.clone().text()
    const sized = new Request(request, { headers: { ...Object.fromEntries(request.headers), 'content-length': String(new TextEncoder().encode(text).length) }, body: text })
    const { request: side } = await captureExchange(copyRequest(sized), new Response(null, { status: 204 }))
    expect(side.body).toContain('Ada')
    expect(JSON.stringify(side)).not.toContain('hunter22')
    expect(JSON.stringify(side)).not.toContain('QWxhZGRpbjpvcGVu')
  }
})
