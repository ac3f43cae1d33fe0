/** The stand-in vendor behind a proxy, over real sockets, with the proxy's log kept for assertions. */
import { request } from 'node:http'
import { startProxy, type ExchangeLogEntry, type ProxyOptions, type ProxyServer } from '../../src/proxy/index.ts'
import { startStandIn, type Break, type StandIn } from './stand-in-vendor.ts'

export const token = 'tt_admin_9f3k2m7x4q8w1e6r5t0y3u2i9o8p7a6s'
export const auth = { authorization: `Bearer ${token}` }
export const johnId = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'

export interface Pair {
  standIn: StandIn
  proxy: ProxyServer
  /** The proxy's base URL for toptickets (at its root). */
  base: string
  entries: ExchangeLogEntry[]
  /** Every line the proxy logged, as text. */
  lines: string[]
  close(): Promise<void>
}

export async function startPair(breaks: Break[] = [], options: Partial<ProxyOptions> = {}): Promise<Pair> {
  const standIn = await startStandIn({ breaks })
  const entries: ExchangeLogEntry[] = []
  const lines: string[] = []
  const proxy = await startProxy({
    targets: [{ api: 'toptickets', target: standIn.baseUrl }],
    allowHttp: true,
    port: 0,
    logger: { exchange: (entry) => (entries.push(entry), lines.push(JSON.stringify(entry))), info: (line) => lines.push(line) },
    ...options,
  })
  return {
    standIn,
    proxy,
    base: proxy.baseUrls.toptickets!,
    entries,
    lines,
    async close() {
      await proxy.close()
      await standIn.close()
    },
  }
}

export interface RawResponse {
  status: number
  statusMessage: string
  rawHeaders: string[]
  body: Buffer
}

/** One HTTP request with node:http: nothing decoded, headers as the wire had them. */
export function raw(url: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode!, statusMessage: res.statusMessage!, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(init.body)
  })
}

/** Raw headers without the per-connection ones, as `name: value` lines. */
export const endToEnd = (rawHeaders: string[]) =>
  Array.from({ length: rawHeaders.length / 2 }, (_, i) => `${rawHeaders[2 * i]}: ${rawHeaders[2 * i + 1]}`).filter((line) => !/^(connection|keep-alive|transfer-encoding|host):/i.test(line))
