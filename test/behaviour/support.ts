/**
 * The behaviour tests' matrix: the same checks in process (msw/node intercepting fetch to the
 * vendor's real base URL) and over real HTTP (the standalone server), each started with the
 * behaviour under test. Clients are plain `fetch`, and time is measured on the client's side.
 */
import { apis, type ApiId } from '../../src/apis/select-apis.ts'
import type { MockdeskConfig } from '../../src/config/mockdesk-config.ts'
import type { BehaviourSettings } from '../../src/core/behaviour/behaviour-settings.ts'
import { documentedBaseUrl } from '../../src/core/openapi-document.ts'
import { setupMockdesk, startMockServer } from '../../src/node/index.ts'

export type Runtime = 'in-process' | 'http'
export const runtimes: Runtime[] = ['in-process', 'http']

export interface Running {
  baseUrl(id: ApiId): string
  behave(settings: BehaviourSettings): void
  reset(): Promise<void>
  close(): Promise<void>
  /** The server's root URL (http only). */
  url?: string
}

export async function start(runtime: Runtime, config: MockdeskConfig): Promise<Running> {
  if (runtime === 'in-process') {
    const mock = await setupMockdesk({ config })
    mock.listen({ onUnhandledRequest: 'error' })
    return { baseUrl: (id) => documentedBaseUrl(apis[id].document), behave: mock.behave, reset: () => mock.reset(), close: async () => mock.close() }
  }
  const server = await startMockServer({ port: 0, config })
  return { baseUrl: (id) => server.baseUrls[id]!, behave: server.mockdesk.behave, reset: () => server.mockdesk.reset(), close: server.close, url: server.url }
}

export interface Outcome {
  ms: number
  status?: number
  headers?: Headers
  text?: string
  /** The error fetch or the body read failed with, and its cause's code when there is one. */
  error?: string
}

/** One request, timed from before fetch to the last byte of the body (or the failure). */
export async function timed(url: string, init: RequestInit = {}): Promise<Outcome> {
  const started = performance.now()
  let status: number | undefined
  let headers: Headers | undefined
  try {
    const response = await fetch(url, init)
    status = response.status
    headers = response.headers
    const text = await response.text()
    return { ms: performance.now() - started, status, headers, text }
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause
    return { ms: performance.now() - started, status, headers, error: `${(error as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}` }
  }
}

export const keys = {
  toptickets: { Authorization: 'Bearer tt_admin_9f3k2m7x4q8w1e6r5t0y3u2i9o8p7a6s' },
  ticketsource: { Authorization: 'Bearer skl-7kq2m9xw4p' },
  billingplatform: { Authorization: 'Bearer bp_3f9c1e7a2b8d4f60a5c9e1d7b3a8f2c4' },
}
