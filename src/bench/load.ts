/**
 * One load run: autocannon against a URL (one request, or a repeating sequence such as nine reads
 * and a write), after a 1 s warm-up; requests per second, latency, and the server's CPU time per
 * request when its process id is known.
 */
import autocannon from 'autocannon'
import { cpuMs } from './server-process.ts'

export interface LoadRequest {
  method?: string
  path: string
  headers?: Record<string, string>
  /** A fresh body per request (creates must not collide on unique fields). */
  body?: () => string
}

export interface Load {
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
  /** Server CPU per request, in microseconds. */
  cpuUs?: number
}

export interface LoadOptions {
  connections: number
  seconds: number
  /** The server's process, to read its CPU time. */
  pid?: number
}

export async function load(origin: string, sequence: LoadRequest[], options: LoadOptions): Promise<Load> {
  const requests = sequence.map((request) => ({
    method: (request.method ?? 'GET') as 'GET',
    path: request.path,
    headers: { ...request.headers, ...(request.body ? { 'content-type': 'application/json' } : {}) },
    ...(request.body ? { setupRequest: (r: any) => ({ ...r, body: request.body!() }) } : {}),
  }))
  const run = (seconds: number) => autocannon({ url: origin, connections: options.connections, duration: seconds, requests })
  await run(1) // warm-up: JIT, connections, caches
  const cpuBefore = cpuMs(options.pid)
  const result = await run(options.seconds)
  const cpuAfter = cpuMs(options.pid)
  const total = result.requests.total
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    cpuUs: cpuBefore !== undefined && cpuAfter !== undefined && total > 0 ? Math.round(((cpuAfter - cpuBefore) * 1000) / total) : undefined,
  }
}
