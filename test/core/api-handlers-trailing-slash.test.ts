import { getResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { createApiHandlers } from '../../src/core/msw-handlers.ts'
// An API of the test's own, as a user defines one: its schemas compile at run time.
import { defineApi } from '../../src/core/define-own-api.ts'
import type { OpenApiDocument } from '../../src/core/openapi-document.ts'

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: {} } } } }
const document: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'slashes', version: '1' },
  paths: {
    '/things/': { get: { operationId: 'listThings', responses: ok } },
    '/things/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      get: { operationId: 'getThing', responses: ok },
    },
    '/plain': { get: { operationId: 'plain', responses: ok } },
  },
}

const api = defineApi({
  id: 'slashes',
  document,
  keys: [],
  defaultCount: 0,
  createStore: async () => ({}),
  authenticate: () => ({ ok: true, principal: {} }),
  invalidRequest: () => new Response(null, { status: 422 }),
  counts: () => ({}),
  routes: {
    '/things/': { get: ({ json }: any) => json(200, 'list') },
    '/things/{id}': { get: ({ json, params }: any) => json(200, `thing ${params.id}`) },
    '/plain': { get: ({ json }: any) => json(200, 'plain') },
  } as any,
})

const handlers = createApiHandlers(api, { base: 'https://api.example.test/v1', store: () => ({}) })
const call = async (method: string, path: string) => {
  const response = await getResponse(handlers, new Request(`https://api.example.test/v1${path}`, { method }))
  return { status: response!.status, body: await response!.json() }
}

describe('createApiHandlers: trailing slashes', () => {
  it('answers a path documented with a trailing slash with or without it', async () => {
    expect(await call('GET', '/things/')).toEqual({ status: 200, body: 'list' })
    expect(await call('GET', '/things')).toEqual({ status: 200, body: 'list' })
  })

  it('answers a path documented without one with or without it, as msw always did', async () => {
    expect(await call('GET', '/plain')).toEqual({ status: 200, body: 'plain' })
    expect(await call('GET', '/plain/')).toEqual({ status: 200, body: 'plain' })
    expect(await call('GET', '/things/7/')).toEqual({ status: 200, body: 'thing 7' })
  })

  it('still tells a collection from one of its records', async () => {
    expect(await call('GET', '/things/7')).toEqual({ status: 200, body: 'thing 7' })
  })

  it('answers an undocumented method on either spelling with 405, not "no route"', async () => {
    for (const path of ['/things/', '/things']) {
      const reply = await call('DELETE', path)
      expect(reply.status).toBe(405)
      expect(reply.body.code).toBe('MOCKDESK_METHOD_NOT_ALLOWED')
    }
  })
})
