/**
 * Inputs that used to reach a 500 (issue 13, findings 5 and 7): deep JSON, odd top-level keys,
 * broken percent-encoding in process, requests to a mounted origin outside every route. Each is
 * now the vendor's validation error or a kit error; a 500 that remains is a kit error with a
 * short id, with the details in the server's log and none in the body.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { setupMockdesk, startMockServer } from '../../src/node/index.ts'
import { apiIds, apis, describeTargets, normalRequest, operationsOf, requestFor, stateOf } from './targets.ts'

const deep = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
const bodiesThatOverflowed = ['['.repeat(100_000), '{"a":'.repeat(50_000), deep(50_000), `{"data":${deep(20_000)}}`, '[' .repeat(65) + ']'.repeat(65)]

describeTargets('no 5xx from odd input', (target) => {
  for (const id of apiIds) {
    it(`${id}: deep JSON, truncated or valid, gets the vendor's error`, async () => {
      for (const operation of operationsOf(id).filter((op) => op.definition.requestBody)) {
        const mediaType = Object.keys(operation.definition.requestBody!.content).find((type) => /json/.test(type))
        if (!mediaType) continue
        for (const body of bodiesThatOverflowed) {
          const before = stateOf(target, id)
          const { url, init } = requestFor(target, id, operation, { body, headers: { 'content-type': mediaType } })
          const response = await fetch(url, init)
          expect(response.status, `${init.method} ${url} ${body.slice(0, 20)}… → ${await response.clone().text()}`.slice(0, 400)).toBeLessThan(500)
          expect(response.status).toBeGreaterThanOrEqual(400)
          expect(stateOf(target, id)).toBe(before)
        }
      }
      expect(await normalRequest(target, id)).toBe(200)
    })
  }

  it('ticketsource: top-level keys named constructor, toString or __proto__ get its 422', async () => {
    const create = operationsOf('ticketsource').find((op) => op.method === 'post' && !op.path.includes('{'))!
    for (const body of ['{"constructor":1}', '{"toString":"x"}', '{"__proto__":{"x":1}}', '{"hasOwnProperty":1,"valueOf":2}']) {
      const { url, init } = requestFor(target, 'ticketsource', create, { body, headers: { 'content-type': 'application/json' } })
      const response = await fetch(url, init)
      expect(response.status, body).toBe(422)
      expect((await response.json()).errors.data).toEqual(['The data field is required.'])
    }
  })

  for (const id of apiIds) {
    it(`${id}: broken percent-encoding in a path gets a 404, not a 500`, async () => {
      for (const operation of operationsOf(id).filter((op) => op.path.includes('{')).slice(0, 3)) {
        for (const bad of ['%ED%A0%80', '%E0', '%', '%zz', 'a%00b']) {
          const names = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!)
          const { url, init } = requestFor(target, id, operation, { path: Object.fromEntries(names.map((name) => [name, bad])) })
          const response = await fetch(url, init)
          expect(response.status, `${init.method} ${url}`).toBeLessThan(500)
          expect(await response.text()).not.toMatch(/URIError|stack|\/work\//)
        }
      }
      const response = await fetch(`${target.baseUrl(id)}/%ED%A0%80`)
      expect(response.status).toBe(404)
    })
  }
})

describe('in process, a mounted vendor origin is fully owned', () => {
  afterEach(() => vi.restoreAllMocks())

  for (const strategy of ['bypass', 'error', 'warn'] as const) {
    it(`answers what no route serves with a kit 404, never the network (onUnhandledRequest: '${strategy}')`, async () => {
      const mock = await setupMockdesk({ count: 3 })
      mock.listen({ onUnhandledRequest: strategy })
      vi.spyOn(console, 'warn').mockImplementation(() => {})
      vi.spyOn(console, 'error').mockImplementation(() => {})
      try {
        for (const id of apiIds) {
          const origin = new URL(mock.mockdesk.apis.find((api) => api.definition.id === id)!.base).origin
          for (const path of ['/', '/other', '/x.json', '/v1/customers.json', '/static/app.js', '/%ED%A0%80', '/.well-known/security.txt']) {
            // Without the mock these hosts do not resolve here: any escape would reject, not answer.
            const response = await fetch(origin + path, { method: path.endsWith('.js') ? 'POST' : 'GET' })
            expect(response.status, `${origin}${path}`).toBe(404)
            expect(response.headers.get('x-mockdesk-error'), `${origin}${path}`).toBe('MOCKDESK_NO_ROUTE')
          }
        }
      } finally {
        mock.close()
      }
    })
  }
})

describe('a 500 that remains', () => {
  it('is a kit error with a short id; the stack and paths go to the log only', async () => {
    const server = await startMockServer({ port: 0, apis: ['toptickets'], count: 3 })
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const store = server.mockdesk.apis[0]!.store as { customers: { slice: () => unknown } }
      store.customers.slice = () => {
        throw new Error(`broken at ${process.cwd()}/src/core/indexed-collection.ts`)
      }
      const { url, init } = requestFor({ kind: 'http', mockdesk: server.mockdesk, baseUrl: () => server.baseUrls.toptickets! }, 'toptickets', operationsOf('toptickets').find((op) => op.method === 'get' && !op.path.includes('{'))!)
      const response = await fetch(url, init)
      expect(response.status).toBe(500)
      const body = await response.json()
      expect(body).toMatchObject({ code: 'MOCKDESK_INTERNAL', errorId: expect.stringMatching(/^[0-9a-f]{8}$/) })
      expect(body.title).toContain(body.errorId)
      const text = JSON.stringify(body)
      expect(text).not.toContain(process.cwd())
      expect(text).not.toMatch(/stack|\bat \w+ \(/)
      expect(logged.mock.calls.flat().join(' ')).toContain(body.errorId)
      expect(String(logged.mock.calls.flat().find((arg) => arg instanceof Error)?.stack)).toContain(process.cwd())
    } finally {
      logged.mockRestore()
      await server.close()
    }
  })
})

// Keeps the imports honest: every API has at least one body operation to try.
it('has body operations to try', () => expect(apiIds.every((id) => apis[id] && operationsOf(id).length > 0)).toBe(true))
