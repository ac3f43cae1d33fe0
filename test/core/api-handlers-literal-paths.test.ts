import { getResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { createApiHandlers } from '../../src/core/msw-handlers.ts'
// An API of the test's own, as a user defines one: its schemas compile at run time.
import { defineApi } from '../../src/core/define-own-api.ts'
import type { OpenApiDocument } from '../../src/core/openapi-document.ts'

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: {} } } } }
const document: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'test', version: '1' },
  paths: {
    '/things/search': { post: { operationId: 'search', responses: ok } },
    '/things/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
      get: {
        operationId: 'get',
        responses: {
          // A link may carry a request body built from runtime expressions (OpenAPI 3.1 Link Object).
          '200': { ...ok['200'], links: { Search: { operationId: 'search', requestBody: { id: '{$request.path.id}' } } } },
        },
      },
    },
  },
}
type Paths = { '/things/search': { post: unknown }; '/things/{id}': { get: unknown } }
const api = defineApi<Paths, object, null>({
  id: 'test',
  document,
  keys: [],
  defaultCount: 0,
  createStore: async () => ({}),
  authenticate: () => ({ ok: true, principal: null }),
  invalidRequest: (issues) => Response.json({ issues }, { status: 400 }),
  counts: () => ({}),
  routes: {
    '/things/search': { post: ({ json }: any) => json(200, { found: true }) },
    '/things/{id}': { get: ({ json, params }: any) => json(200, { id: params.id }) },
  },
})
const handlers = createApiHandlers(api, { base: 'https://api.test', store: () => ({}) })
const send = (method: string, path: string) => getResponse(handlers, new Request(`https://api.test${path}`, { method }))

describe('createApiHandlers', () => {
  it('serves a literal path and a templated one side by side', async () => {
    expect(await (await send('POST', '/things/search'))!.json()).toEqual({ found: true })
    expect(await (await send('GET', '/things/7'))!.json()).toEqual({ id: 7 })
  })

  it('never takes a documented literal path for an id, even for a method only the template has', async () => {
    const response = (await send('GET', '/things/search'))!
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('POST')
    expect(await response.json()).toMatchObject({ code: 'MOCKDESK_METHOD_NOT_ALLOWED' })
  })

  it('lists the template methods for a path that is not literal', async () => {
    const response = (await send('DELETE', '/things/7'))!
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET')
  })
})
