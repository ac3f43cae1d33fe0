/**
 * The benchmark's baseline: a plain node:http server over the same TopTickets records, that
 * serializes them per request, with no validation, auth or framework. mockdesk's throughput is
 * reported as a ratio of this one's, measured in the same run on the same machine.
 */
import { createServer } from 'node:http'
import api from '../apis/toptickets/index.ts'

const count = Number(process.argv[2] ?? 1000)
const { customers } = await api.createStore({ seed: 42, count })
const records = [...customers.all()]
const byId = new Map(records.map((c) => [c.id, c]))
const prefix = '/toptickets/v1/customers'
let created = 0

const server = createServer((request, response) => {
  const url = new URL(request.url!, 'http://x')
  const send = (status: number, body: unknown) => {
    const text = JSON.stringify(body)
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
    response.end(text)
  }
  if (request.method === 'GET' && url.pathname === prefix) {
    const skip = Number(url.searchParams.get('skip') ?? 0)
    const limit = Number(url.searchParams.get('limit') ?? 50)
    return send(200, records.slice(skip, skip + limit).map(({ id, name, email, is_vip, has_premium_support }) => ({ id, name, email, is_vip, has_premium_support })))
  }
  if (request.method === 'GET' && url.pathname.startsWith(`${prefix}/`)) {
    const customer = byId.get(url.pathname.slice(prefix.length + 1))
    return customer ? send(200, customer) : send(404, { detail: 'Customer not found' })
  }
  if (request.method === 'POST' && url.pathname === prefix) {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      const customer = { ...records[0]!, ...JSON.parse(body), id: `00000000-0000-4000-8000-${String(++created).padStart(12, '0')}` }
      records.push(customer)
      byId.set(customer.id, customer)
      send(201, customer)
    })
    return
  }
  send(404, { detail: 'Not Found' })
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number }
  console.log(`serving on http://127.0.0.1:${address.port}`)
})
