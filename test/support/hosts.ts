/**
 * Runs one suite against every runtime (h3's describeMatrix): in process, where msw/node
 * intercepts `fetch` to the vendor's real base URL, and over real HTTP against the standalone
 * server. Every vendor response is checked against the spec as it arrives.
 */
import { afterAll, beforeAll, beforeEach, describe } from 'vitest'
import { apis, type ApiId } from '../../src/apis/select-apis.ts'
import { documentedBaseUrl } from '../../src/core/openapi-document.ts'
import { setupMockdesk, startMockServer } from '../../src/node/index.ts'
import { conformanceProblems } from './spec-conformance.ts'

export interface Reply {
  status: number
  headers: Headers
  text: string
  /** The body as JSON (undefined when empty). */
  body: any
  /** True for mockdesk's own errors, which the vendor spec does not describe. */
  kitError: boolean
}

export interface RequestOptions {
  /** A JSON value, or a string sent as is. */
  body?: unknown
  headers?: Record<string, string>
  /** Skip the spec check: for deliberately undocumented answers. */
  unchecked?: boolean
}

export interface Host {
  kind: 'in-process' | 'http'
  /** The API's base URL in this runtime. */
  baseUrl: string
  request(method: string, path: string, options?: RequestOptions): Promise<Reply>
  reset(seed?: number): Promise<void>
}

export type HostKind = Host['kind']

export async function startHost(kind: HostKind, apiId: ApiId, options: { seed?: number; count?: number } = {}) {
  if (kind === 'in-process') {
    const mock = await setupMockdesk({ apis: [apiId], ...options })
    mock.listen({ onUnhandledRequest: 'error' })
    return { baseUrl: documentedBaseUrl(apis[apiId].document), reset: mock.reset, close: async () => mock.close() }
  }
  const server = await startMockServer({ apis: [apiId], port: 0, ...options })
  return { baseUrl: server.baseUrls[apiId]!, reset: (seed?: number) => server.mockdesk.reset(seed), close: server.close }
}

export function describeHosts(apiId: ApiId, suite: (host: Host) => void, options: { seed?: number; count?: number } = {}) {
  for (const kind of ['in-process', 'http'] as const) {
    describe(`${apiId} (${kind})`, () => {
      let started: Awaited<ReturnType<typeof startHost>>
      const host: Host = {
        kind,
        get baseUrl() {
          return started.baseUrl
        },
        reset: (seed) => started.reset(seed),
        async request(method, path, { body, headers = {}, unchecked = false } = {}) {
          const init: RequestInit = { method, headers: { ...headers } }
          if (body !== undefined) {
            init.body = typeof body === 'string' ? body : JSON.stringify(body)
            if (typeof body !== 'string' && !('content-type' in headers)) {
              ;(init.headers as Record<string, string>)['content-type'] = 'application/json'
            }
          }
          const response = await fetch(started.baseUrl + path, init)
          const text = await response.text()
          const kitError = response.headers.has('x-mockdesk-error')
          if (!kitError && !unchecked) {
            const problems = await conformanceProblems(apiId, method, new URL(started.baseUrl + path).pathname.slice(new URL(started.baseUrl).pathname.replace(/\/$/, '').length), {
              status: response.status,
              headers: response.headers,
              text,
            })
            if (problems.length > 0) throw new Error(`The mock broke specs/${apiId}.yaml:\n- ${problems.join('\n- ')}`)
          }
          let parsed: unknown
          try {
            parsed = text === '' ? undefined : JSON.parse(text)
          } catch {
            parsed = undefined
          }
          return { status: response.status, headers: response.headers, text, body: parsed, kitError }
        },
      }
      beforeAll(async () => {
        started = await startHost(kind, apiId, options)
      })
      afterAll(() => started.close())
      beforeEach(() => started.reset())
      suite(host)
    })
  }
}
