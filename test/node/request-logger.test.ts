/**
 * `mockdesk serve`'s request lines (src/node/request-logger.ts): text lines formatted directly, in
 * the shape pino-pretty gives the server's other messages; JSON lines through pino.
 */
import { PassThrough } from 'node:stream'
import { expect, it } from 'vitest'
import { RequestLog } from '../../src/core/request-log.ts'
import { createLogger, logRequests } from '../../src/node/request-logger.ts'
import { defaultSessionName } from '../../src/node/sessions/session-name.ts'

function capture() {
  const destination = new PassThrough()
  let written = ''
  destination.on('data', (chunk) => (written += chunk))
  return { destination, lines: () => written.split('\n').filter(Boolean) }
}

const at = '2026-01-01T00:00:00.000Z'
const turn = () => new Promise((resolve) => setImmediate(resolve))

it('prints a text line per request, as pino-pretty prints the other messages', async () => {
  const { destination, lines } = capture()
  const logger = createLogger('text', destination)
  const log = new RequestLog()
  const stop = logRequests(log, logger)
  log.record({ at, method: 'GET', path: '/toptickets/v1/customers?limit=2', status: 200, ms: 3, api: 'toptickets', session: defaultSessionName })
  log.record({ at, method: 'POST', path: '/toptickets/v1/customers', status: 0, ms: 12, api: 'toptickets', delay: 200, fault: 'reset', session: 'ada' })
  log.record({ at, method: 'DELETE', path: '/nowhere', status: 404, ms: 0 })
  await turn()
  logger.info('config changed')
  stop()
  log.record({ at, method: 'GET', path: '/after-stop', status: 200, ms: 0 })
  await turn()
  expect(lines()).toHaveLength(4)
  const [first, second, third, message] = lines()
  expect(first).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\]: GET    \/toptickets\/v1\/customers\?limit=2 200 3ms$/)
  expect(second).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\]: POST   \/toptickets\/v1\/customers --- 12ms delay 200ms fault reset session ada$/)
  expect(third).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\]: DELETE \/nowhere 404 0ms$/)
  // The same time prefix as pino-pretty's own (SYS:HH:MM:ss.l, local time).
  expect(message).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\]: config changed$/)
})

it('prints a JSON object per request with --log json', async () => {
  const { destination, lines } = capture()
  const log = new RequestLog()
  logRequests(log, createLogger('json', destination))
  log.record({ at, method: 'GET', path: '/v1/customers?limit=1', status: 200, ms: 1, api: 'toptickets', delay: 10, session: 'worker-7' })
  log.record({ at, method: 'GET', path: '/v1/customers?limit=2', status: 200, ms: 1, api: 'toptickets', session: defaultSessionName })
  await turn()
  const [named, unnamed] = lines().map((line) => JSON.parse(line))
  expect(named).toEqual({ level: 30, time: expect.any(Number), kind: 'request', seq: 1, method: 'GET', path: '/v1/customers?limit=1', status: 200, ms: 1, api: 'toptickets', delay: 10, session: 'worker-7', msg: 'request' })
  expect(unnamed).toEqual({ level: 30, time: expect.any(Number), kind: 'request', seq: 2, method: 'GET', path: '/v1/customers?limit=2', status: 200, ms: 1, api: 'toptickets', msg: 'request' })
})
