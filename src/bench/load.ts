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

const toRequests = (sequence: LoadRequest[]) =>
  sequence.map((request) => ({
    method: (request.method ?? 'GET') as 'GET',
    path: request.path,
    headers: { ...request.headers, ...(request.body ? { 'content-type': 'application/json' } : {}) },
    ...(request.body ? { setupRequest: (r: any) => ({ ...r, body: request.body!() }) } : {}),
  }))

export async function load(origin: string, sequence: LoadRequest[], options: LoadOptions): Promise<Load> {
  const requests = toRequests(sequence)
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

/** One side of a comparison: a server, the requests it gets, its process. */
export interface LoadSide {
  origin: string
  sequence: LoadRequest[]
  pid?: number
}

/**
 * Servers loaded in turns (A, B, A, B, ... `rounds` each, `seconds` in all per server), after
 * each is warmed up: on a machine shared with other work the neighbours' load changes from one
 * second to the next, and measuring one server for three seconds, then the other, compares the
 * two at different loads. Requests per second and CPU per request are totals over the turns;
 * latency is the mean of the turns' percentiles.
 */
export async function loadTurns(servers: LoadSide[], options: Omit<LoadOptions, 'pid'> & { rounds?: number }): Promise<Load[]> {
  const rounds = options.rounds ?? 3
  const sides = servers.map((side) => ({ side, requests: toRequests(side.sequence), total: 0, seconds: 0, cpuMs: 0 as number | undefined, p50: 0, p99: 0, errors: 0, non2xx: 0 }))
  for (const entry of sides) await autocannon({ url: entry.side.origin, connections: options.connections, amount: options.warmup ?? 3000, requests: entry.requests })
  for (let round = 0; round < rounds; round++) {
    for (const entry of sides) {
      const before = cpuMs(entry.side.pid)
      const result = await autocannon({ url: entry.side.origin, connections: options.connections, duration: options.seconds / rounds, requests: entry.requests })
      const after = cpuMs(entry.side.pid)
      entry.cpuMs = before !== undefined && after !== undefined && entry.cpuMs !== undefined ? entry.cpuMs + after - before : undefined
      entry.total += result.requests.total
      entry.seconds += result.duration
      entry.p50 += result.latency.p50 / rounds
      entry.p99 += result.latency.p99 / rounds
      entry.errors += result.errors
      entry.non2xx += result.non2xx
    }
  }
  return sides.map(
    (entry): Load => ({
      rps: Math.round(entry.total / entry.seconds),
      p50: Math.round(entry.p50),
      p99: Math.round(entry.p99),
      errors: entry.errors,
      non2xx: entry.non2xx,
      cpuUs: entry.cpuMs !== undefined && entry.total > 0 ? Math.round((entry.cpuMs * 1000) / entry.total) : undefined,
    }),
  )
}

/** Two servers in turns (see loadTurns). */
export async function loadPair(a: LoadSide, b: LoadSide, options: Omit<LoadOptions, 'pid'> & { rounds?: number }): Promise<[Load, Load]> {
  const [first, second] = await loadTurns([a, b], options)
  return [first!, second!]
}
