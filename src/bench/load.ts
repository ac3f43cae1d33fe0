/**
 * One load run: autocannon against a URL (one request, or a repeating sequence such as nine reads
 * and a write), after a warm-up; requests per second, latency, and the server's CPU time per
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
  /** Requests sent before measuring (default 3,000). */
  warmup?: number
}

export async function load(origin: string, sequence: LoadRequest[], options: LoadOptions): Promise<Load> {
  const requests = sequence.map((request) => ({
    method: (request.method ?? 'GET') as 'GET',
    path: request.path,
    headers: { ...request.headers, ...(request.body ? { 'content-type': 'application/json' } : {}) },
    ...(request.body ? { setupRequest: (r: any) => ({ ...r, body: request.body!() }) } : {}),
  }))
  // Warm-up by count, not by time: on a busy machine V8's optimizing compiler (a background
  // thread) gets little CPU, and a fresh server needs a few thousand requests before its hot path
  // is compiled (measured: 444, 173, then 79 µs of CPU per list request in three 2 s runs).
  await autocannon({ url: origin, connections: options.connections, amount: options.warmup ?? 3000, requests })
  const cpuBefore = cpuMs(options.pid)
  const result = await autocannon({ url: origin, connections: options.connections, duration: options.seconds, requests })
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
