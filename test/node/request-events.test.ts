/**
 * The live request log as server-sent events, per world: a stream opened for one session gets
 * that session's requests as they are answered (and the ones it missed, by `after` or
 * `Last-Event-ID`), never another world's.
 */
import { afterEach, expect, it } from 'vitest'
import { startMockServer, type MockHttpServer } from '../../src/node/index.ts'
import { readEvents as events } from '../support/server-sent-events.ts'

const key = 'tt_admin_9f3k2m7x4q8w1e6r5t0y3u2i9o8p7a6s'
let server: MockHttpServer | undefined
afterEach(() => server?.close())

it('streams one world’s requests as they are answered', async () => {
  server = await startMockServer({ port: 0, apis: ['toptickets'], count: 5 })
  const call = (path: string, session: string) => fetch(`${server!.baseUrls.toptickets}${path}`, { headers: { authorization: `Bearer ${key}`, 'x-mockdesk-session': session } })
  await call('/customers?limit=1', 'alice')
  const stream = await fetch(`${server.url}/__mockdesk/requests/events`, { headers: { 'x-mockdesk-session': 'alice' } })
  expect(stream.headers.get('content-type')).toContain('text/event-stream')
  const received = events(stream, 3)
  await call('/customers?limit=2', 'bob')
  await call('/customers?limit=3', 'alice')
  await call('/customers/nope', 'alice')
  const got = await received
  expect(got.map((event) => event.data.path)).toEqual(['/toptickets/v1/customers?limit=1', '/toptickets/v1/customers?limit=3', '/toptickets/v1/customers/nope'])
  expect(got.map((event) => Number(event.id))).toEqual([1, 2, 3])

  // Reconnecting with Last-Event-ID resumes after it.
  const resumed = await fetch(`${server.url}/__mockdesk/requests/events`, { headers: { 'x-mockdesk-session': 'alice', 'last-event-id': '2' } })
  expect((await events(resumed, 1)).map((event) => event.id)).toEqual(['3'])
})
