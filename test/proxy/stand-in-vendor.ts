/**
 * A stand-in for the TopTickets vendor: a small node:http server answering the customers API as
 * the spec documents it, or broken on purpose (`breaks`), so the proxy's checks can be proven to
 * fire. It never imports mockdesk: it plays the real vendor, whose code we do not have.
 *
 * Run it by hand (the README's "Check your real traffic" does):
 *   npx tsx test/proxy/stand-in-vendor.ts --port 4011 [--break rename-email,teapot]
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import samples from '../../fixtures/toptickets/customers.json' with { type: 'json' }

export const breaks = {
  /** Full customer objects call `email` `email_address`. */
  'rename-email': 'full customers (get, create) send email as email_address',
  /** Create answers 418, which the spec does not document. */
  teapot: 'create answers 418 I am a teapot',
  /** Full customer objects lack the required `email`. */
  'drop-email': 'full customers lack email',
  /** `is_vip` is the string "true"/"false" in lists. */
  'vip-as-string': 'list items send is_vip as a string',
  /** `created_at` is not a date-time. */
  'bad-created-at': 'full customers send created_at as 10/01/2025',
  /** Full customers are served as text/plain. */
  'text-content-type': 'get answers with Content-Type text/plain',
  /** 429 comes without its documented Retry-After. */
  'no-retry-after': '429 comes without Retry-After',
  /** Every answer carries an undocumented X-RateLimit-Remaining header. */
  'extra-header': 'answers carry X-RateLimit-Remaining',
  /** Lists break off half-way through the body. */
  'cut-off': 'lists break off half-way through the body',
} as const

export type Break = keyof typeof breaks

export interface ReceivedRequest {
  method: string
  url: string
  /** As received: `[name, value, name, value, ...]`. */
  rawHeaders: string[]
  body: Buffer
}

export interface StandIn {
  url: string
  /** The base URL the proxy targets: `<url>/v1`. */
  baseUrl: string
  requests: ReceivedRequest[]
  close(): Promise<void>
}

type Customer = Record<string, unknown> & { id: string }

const read = (request: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })

export async function startStandIn(options: { breaks?: Break[]; port?: number; host?: string } = {}): Promise<StandIn> {
  const broken = new Set(options.breaks ?? [])
  const customers = new Map<string, Customer>(samples.map((c) => [c.id, { ...c }]))
  const requests: ReceivedRequest[] = []
  let created = 0

  const full = (customer: Customer) => {
    const body: Record<string, unknown> = { ...customer }
    if (broken.has('rename-email')) {
      body.email_address = body.email
      delete body.email
    }
    if (broken.has('drop-email')) delete body.email
    if (broken.has('bad-created-at')) body.created_at = '10/01/2025'
    return body
  }

  const server = createServer(async (req, res) => {
    const body = await read(req)
    requests.push({ method: req.method!, url: req.url!, rawHeaders: req.rawHeaders, body })
    // A fixed Date, so a test can compare answers byte for byte.
    res.sendDate = false
    const headers: Record<string, string> = { date: 'Sun, 29 Nov 2026 12:00:00 GMT', server: 'stand-in' }
    if (broken.has('extra-header')) headers['x-ratelimit-remaining'] = '99'
    const answer = (status: number, value?: unknown, type = 'application/json') => {
      if (value === undefined) {
        res.writeHead(status, headers)
        return res.end()
      }
      let bytes: Buffer = Buffer.from(JSON.stringify(value))
      const extra: Record<string, string> = { 'content-type': type }
      if (/gzip/.test(req.headers['accept-encoding'] ?? '') && bytes.byteLength > 200) {
        bytes = gzipSync(bytes)
        extra['content-encoding'] = 'gzip'
      }
      res.writeHead(status, { ...headers, ...extra, 'content-length': String(bytes.byteLength) })
      if (broken.has('cut-off') && Array.isArray(value)) {
        res.write(bytes.subarray(0, bytes.byteLength >> 1))
        return void setImmediate(() => res.destroy())
      }
      res.end(bytes)
    }

    const url = new URL(req.url!, 'http://stand-in')
    // HEAD is GET without the body, which Node leaves out of a HEAD answer by itself.
    const method = req.method === 'HEAD' ? 'GET' : req.method
    if (!/^Bearer tt_\w+$/.test(req.headers.authorization ?? '')) return answer(401, { detail: 'Invalid API key' })
    if (req.headers['x-stand-in-status'] === '429') {
      if (!broken.has('no-retry-after')) headers['retry-after'] = '30'
      return answer(429, { detail: 'Rate limit exceeded. Try again in 30 seconds.' })
    }
    const one = /^\/v1\/customers\/([^/]+)$/.exec(url.pathname)
    if (url.pathname === '/v1/customers' && method === 'GET') {
      const skip = Number(url.searchParams.get('skip') ?? 0)
      const limit = Number(url.searchParams.get('limit') ?? 50)
      const page = [...customers.values()].slice(skip, skip + limit).map(({ id, name, email, is_vip, has_premium_support }) => ({
        id,
        name,
        email,
        is_vip: broken.has('vip-as-string') ? String(is_vip) : is_vip,
        has_premium_support,
      }))
      return answer(200, page)
    }
    if (url.pathname === '/v1/customers' && method === 'POST') {
      if (broken.has('teapot')) return answer(418, { detail: "I'm a teapot" })
      let input: Record<string, unknown>
      try {
        input = JSON.parse(body.toString())
      } catch {
        return answer(422, { detail: [{ loc: ['body'], msg: 'invalid json', type: 'value_error.jsondecode' }] })
      }
      if (typeof input.name !== 'string' || typeof input.email !== 'string') {
        return answer(422, { detail: [{ loc: ['body', 'email'], msg: 'field required', type: 'value_error.missing' }] })
      }
      const template = samples[0]!
      const customer: Customer = { ...template, ...(input as Partial<Customer>), id: `00000000-0000-4000-8000-${String(++created).padStart(12, '0')}` }
      customers.set(customer.id, customer)
      return answer(201, full(customer))
    }
    if (one && method === 'GET') {
      const customer = customers.get(decodeURIComponent(one[1]!))
      if (!customer) return answer(404, { detail: 'Customer not found' })
      return answer(200, full(customer), broken.has('text-content-type') ? 'text/plain' : 'application/json')
    }
    if (one && method === 'DELETE') {
      if (!customers.delete(decodeURIComponent(one[1]!))) return answer(404, { detail: 'Customer not found' })
      return answer(204)
    }
    return answer(404, { detail: 'Not Found' })
  })

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    baseUrl: `${url}/v1`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '4011' }, break: { type: 'string', default: '' } } })
  const chosen = values.break.split(',').filter(Boolean) as Break[]
  for (const name of chosen) if (!(name in breaks)) throw new Error(`unknown --break ${name}; one of: ${Object.keys(breaks).join(', ')}`)
  const standIn = await startStandIn({ breaks: chosen, port: Number(values.port) })
  console.log(`stand-in TopTickets vendor on ${standIn.baseUrl}${chosen.length ? ` (broken: ${chosen.map((b) => breaks[b]).join('; ')})` : ''}`)
  const stop = () => void standIn.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
