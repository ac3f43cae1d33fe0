/**
 * The behaviour control endpoint and the request log over real HTTP: GET/PUT
 * /__mockdesk/behaviour (JSON only; a bad setting is refused with its path and nothing changes),
 * and /__mockdesk/requests says which delay or fault each answer got.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startMockServer, type MockHttpServer } from '../../src/node/index.ts'

let server: MockHttpServer
const key = { Authorization: 'Bearer tt_admin_9f3k2m7x4q8w1e6r5t0y3u2i9o8p7a6s' }
beforeAll(async () => {
  server = await startMockServer({ port: 0, apis: ['toptickets'], config: { apis: ['toptickets'], latency: 20 } })
})
afterAll(() => server.close())

const control = (init?: RequestInit) => fetch(`${server.url}/__mockdesk/behaviour`, init)
const put = (body: string, type = 'application/json') => control({ method: 'PUT', headers: { 'content-type': type }, body })

it('GET shows the settings in force, from the config', async () => {
  expect(await (await control()).json()).toEqual({ behaviour: { latency: 20 } })
})

it('PUT replaces them; the next request gets the new behaviour', async () => {
  const response = await put(JSON.stringify({ faults: { malformed: 1 } }))
  expect(response.status).toBe(200)
  expect(await response.json()).toEqual({ status: 'changed', behaviour: { faults: { malformed: 1 } } })
  const answer = await fetch(`${server.baseUrls.toptickets}/customers?limit=1`, { headers: key })
  const text = await answer.text()
  expect(() => JSON.parse(text)).toThrow()
  expect((await put('{}')).status).toBe(200)
})

it('PUT without a JSON content type is refused (a foreign page cannot send it) and changes nothing', async () => {
  // The control plane's rule for every state-changing call...
  const plain = await put('{"latency": 5000}', 'text/plain')
  expect(plain.status).toBe(403)
  expect(plain.headers.get('x-mockdesk-error')).toBe('MOCKDESK_FORBIDDEN')
  // ...and this endpoint's own: its body is JSON, even with the control header.
  const headed = await control({ method: 'PUT', headers: { 'content-type': 'text/plain', 'x-mockdesk-control': '1' }, body: '{"latency": 5000}' })
  expect(headed.status).toBe(400)
  expect(headed.headers.get('x-mockdesk-error')).toBe('MOCKDESK_BAD_CONTROL_REQUEST')
  expect(await (await control()).json()).toEqual({ behaviour: {} })
})

it('PUT refuses a body with a prototype key, and changes nothing', async () => {
  const response = await put('{"__proto__": {"latency": 5}}')
  expect(response.status).toBe(400)
  expect(await (await control()).json()).toEqual({ behaviour: {} })
})

it('a bad setting is refused with its path and why, and nothing changes', async () => {
  const response = await put(JSON.stringify({ apis: { toptickets: { faults: { rest: '5%' } } } }))
  expect(response.status).toBe(400)
  const problem = await response.json()
  expect(problem.code).toBe('MOCKDESK_BAD_BEHAVIOUR')
  expect(problem.problems.join('\n')).toContain('apis.toptickets.faults.rest: unknown key (did you mean "reset"?)')
  const unmounted = await (await put(JSON.stringify({ apis: { omnidesk: { latency: 5 } } }))).json()
  expect(unmounted.title).toContain('"omnidesk" is not a mounted API')
  expect(await (await control()).json()).toEqual({ behaviour: {} })
})

it('/__mockdesk/requests records the delay and the fault of each answer', async () => {
  const before = server.mockdesk.requests.last
  await fetch(`${server.baseUrls.toptickets}/customers?limit=1`, { headers: { ...key, prefer: 'delay=30' } })
  await fetch(`${server.baseUrls.toptickets}/customers?limit=1`, { headers: { ...key, prefer: 'fault=reset' } }).catch(() => undefined)
  const { requests } = await (await fetch(`${server.url}/__mockdesk/requests?after=${before}`)).json()
  expect(requests).toMatchObject([
    { method: 'GET', status: 200, delay: 30, api: 'toptickets' },
    { method: 'GET', status: 0, fault: 'reset', api: 'toptickets' },
  ])
  expect(requests[0].ms).toBeGreaterThanOrEqual(30)
})
