/**
 * Pipelined requests on one connection (src/node/connection-guard.ts): each is answered only once
 * the previous answer has left, so effects happen in the order sent, whether a request is
 * answered from prepared bytes at once (a repeated read) or through the pipeline (a write, whose
 * body is read first). The guard's limits against greedy clients are in test/hardening/.
 */
import { connect } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import keys from '../../fixtures/toptickets/keys.json'
import { startMockServer, type MockHttpServer } from '../../src/node/index.ts'

let server: MockHttpServer
beforeAll(async () => {
  server = await startMockServer({ port: 0, apis: ['toptickets'], count: 5 })
})
afterAll(() => server.close())

/** Sends `requests` in one write on one connection, reads until `count` answers have arrived. */
function pipelined(requests: string[], count: number): Promise<Array<{ status: number; body: string }>> {
  const { port } = new URL(server.url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(requests.join('')))
    let received = Buffer.alloc(0)
    const answers: Array<{ status: number; body: string }> = []
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk])
      for (;;) {
        const end = received.indexOf('\r\n\r\n')
        if (end < 0) break
        const head = received.subarray(0, end).toString('latin1')
        const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1])
        if (received.length < end + 4 + length) break
        answers.push({ status: Number(head.slice(9, 12)), body: received.subarray(end + 4, end + 4 + length).toString() })
        received = received.subarray(end + 4 + length)
      }
      if (answers.length === count) {
        socket.destroy()
        resolve(answers)
      }
    })
    socket.on('error', reject)
  })
}

const get = (path: string) => `GET /toptickets/v1${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${keys[0]!.key}\r\n\r\n`
const post = (path: string, body: string) =>
  `POST /toptickets/v1${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${keys[0]!.key}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`

it('answers pipelined reads and writes one after another, in the order sent', async () => {
  const list = get('/customers?limit=100')
  // Asked once beforehand, so the reads below are repeated reads answered at once.
  expect((await pipelined([list], 1))[0]!.status).toBe(200)
  const created = (n: number) => post('/customers', JSON.stringify({ name: `Piped ${n}`, email: `piped.${n}@example.com` }))
  const answers = await pipelined([list, list, created(1), list, created(2), list, list], 7)
  expect(answers.map((answer) => answer.status)).toEqual([200, 200, 201, 200, 201, 200, 200])
  const counts = answers.map((answer) => (answer.status === 200 ? (JSON.parse(answer.body) as unknown[]).length : undefined))
  // Each read sees exactly the writes sent before it.
  expect(counts).toEqual([5, 5, undefined, 6, undefined, 7, 7])
  expect(answers[1]!.body).toBe(answers[0]!.body)
  expect(answers[6]!.body).toBe(answers[5]!.body)
})

it('answers many pipelined repeated reads on one connection, then a request sent after them', async () => {
  const one = get('/customers?limit=1')
  const answers = await pipelined(Array.from({ length: 12 }, () => one), 12)
  expect(answers.every((answer) => answer.status === 200 && answer.body === answers[0]!.body)).toBe(true)
  const after = await fetch(`${server.baseUrls.toptickets}/customers?limit=1`, { headers: { authorization: `Bearer ${keys[0]!.key}` } })
  expect(await after.text()).toBe(answers[0]!.body)
})
