/**
 * A session on a shared mockdesk server, for test runs whose workers share one server (a vitest
 * global setup starts it): every request made through it carries `X-Mockdesk-Session`, so the
 * session's world is its own, and parallel workers never see each other's writes.
 */
import { randomUUID } from 'node:crypto'
import type { MockdeskSnapshot } from '../core/world.ts'
import { sessionHeader } from './sessions/session-name.ts'

export interface MockdeskSessionOptions {
  /** The session's name; default a new, unique one (`test-<worker>-<random>`). */
  name?: string
  /** The server's admin token, when it listens beyond loopback. */
  adminToken?: string
}

export interface MockdeskSession {
  name: string
  /** The server, e.g. `http://127.0.0.1:4010`. */
  url: string
  /** The header that names the session: add it to your own client's requests. */
  headers: Record<string, string>
  /** `fetch` with the session's header; a path is taken relative to the server's URL. */
  fetch(input: string | URL, init?: RequestInit): Promise<Response>
  /** Back to the seeded data (another seed if given): microseconds on the server. */
  reset(seed?: number): Promise<void>
  snapshot(): Promise<MockdeskSnapshot>
  /** Drops the session's world on the server. */
  close(): Promise<void>
}

export function mockdeskSession(url: string, options: MockdeskSessionOptions = {}): MockdeskSession {
  const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? process.pid
  const name = options.name ?? `test-${worker}-${randomUUID().slice(0, 8)}`
  const headers = { [sessionHeader]: name }
  const base = url.replace(/\/$/, '')
  const send = (input: string | URL, init: RequestInit = {}) => {
    const merged = new Headers(init.headers)
    merged.set(sessionHeader, name)
    return fetch(typeof input === 'string' && input.startsWith('/') ? base + input : input, { ...init, headers: merged })
  }
  const control = async (path: string, init: RequestInit = {}) => {
    const merged = new Headers(init.headers)
    if (options.adminToken) merged.set('x-mockdesk-admin-token', options.adminToken)
    const response = await send(`/__mockdesk${path}`, { ...init, headers: merged })
    if (!response.ok) throw new Error(`mockdesk ${init.method ?? 'GET'} /__mockdesk${path} for session "${name}" failed: ${response.status} ${await response.text()}`)
    return response
  }
  return {
    name,
    url: base,
    headers,
    fetch: send,
    async reset(seed) {
      await control(`/reset${seed === undefined ? '' : `?seed=${seed}`}`, { method: 'POST' })
    },
    async snapshot() {
      return (await control('/snapshot')).json()
    },
    async close() {
      await control(`/sessions/${encodeURIComponent(name)}`, { method: 'DELETE' })
    },
  }
}
