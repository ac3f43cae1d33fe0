/** The pipeline's optional hooks: path binding before validation, body preparation before validation. */
import { getResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { createApiHandlers } from '../../src/core/msw-handlers.ts'
import type { ApiDefinition } from '../../src/core/define-api.ts'
// An API of the test's own, as a user defines one: its schemas compile at run time.
import { defineApi } from '../../src/core/define-own-api.ts'
import type { OpenApiDocument } from '../../src/core/openapi-document.ts'

const document: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'things', version: '1' },
  paths: {
    '/things/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      patch: {
        operationId: 'updateThing',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } },
        },
        responses: { '200': { description: 'ok' } },
      },
    },
  },
}

const store = { things: new Set(['known']) }

function thingsApi(hooks: Pick<ApiDefinition, 'bindPath' | 'prepareBody'>) {
  return defineApi<any, typeof store, null>({
    id: 'things',
    document,
    keys: [],
    defaultCount: 0,
    createStore: async () => store,
    authenticate: () => ({ ok: true, principal: null }),
    invalidRequest: (issues) => Response.json(issues.map((issue) => [issue.path.join('.'), issue.keyword]), { status: 422 }),
    counts: () => ({}),
    routes: { '/things/{id}': { patch: ({ body, json }: any) => json(200, body) } } as never,
    ...hooks,
  })
}

const patch = (api: ApiDefinition, id: string, body: unknown) =>
  getResponse(
    createApiHandlers(api, { base: 'https://things.test', store: () => store }),
    new Request(`https://things.test/things/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  )

const bindPath = ({ params, store: { things } }: { params: Record<string, unknown>; store: typeof store }) =>
  things.has(params.id as string) ? undefined : Response.json({ missing: params.id }, { status: 404 })
const prepareBody = (value: unknown) => JSON.parse(JSON.stringify(value), (_, v) => (typeof v === 'string' ? v.trim() || null : v))

describe('api handlers: optional hooks', () => {
  it('validates first when the API binds nothing', async () => {
    const response = await patch(thingsApi({}), 'unknown', {})
    expect(response?.status).toBe(422)
  })

  it('lets bindPath answer before the body is validated', async () => {
    const api = thingsApi({ bindPath })
    const unknown = await patch(api, 'unknown', {})
    expect(unknown?.status).toBe(404)
    expect(await unknown?.json()).toEqual({ missing: 'unknown' })
    expect((await patch(api, 'known', {}))?.status).toBe(422)
    expect((await patch(api, 'known', { name: 'x' }))?.status).toBe(200)
  })

  it('validates, and hands the handler, the body as prepareBody rewrote it', async () => {
    const api = thingsApi({ prepareBody })
    const trimmed = await patch(api, 'known', { name: '  lamp  ' })
    expect(await trimmed?.json()).toEqual({ name: 'lamp' })
    const blank = await patch(api, 'known', { name: '   ' })
    expect(blank?.status).toBe(422)
    expect(await blank?.json()).toEqual([['name', 'type']])
  })
})
