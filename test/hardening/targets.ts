/**
 * The hardening suites' view of mockdesk: every API mounted, in process (msw/node on the vendors'
 * real base URLs) or over real HTTP, with requests built from each spec's operations and
 * authorized with the API's first key, and the stored state to compare before and after.
 */
import { afterAll, beforeAll, describe } from 'vitest'
import { Faker } from '@faker-js/faker'
import { apiIds, apis, type ApiId } from '../../src/apis/select-apis.ts'
import { IndexedCollection } from '../../src/core/indexed-collection.ts'
import { listOperations, documentedBaseUrl, type Operation } from '../../src/core/openapi-document.ts'
import type { Mockdesk } from '../../src/core/mockdesk.ts'
import { authorize, introductoryOperation } from '../../src/core/sample-request.ts'
import { setupMockdesk, startMockServer } from '../../src/node/index.ts'

export type Kind = 'in-process' | 'http'

export interface Target {
  kind: Kind
  mockdesk: Mockdesk
  baseUrl(id: ApiId): string
  /** Only on the HTTP server: its own origin (control plane). */
  url?: string
}

export const operationsOf = (id: ApiId): Operation[] => listOperations(apis[id].document)

/** Every API, in both runtimes, one after the other (msw/node intercepts fetch while listening). */
export function describeTargets(name: string, suite: (target: Target) => void, options: { count?: number } = {}) {
  for (const kind of ['in-process', 'http'] as const) {
    describe(`${name} (${kind})`, () => {
      const target = { kind } as Target
      let close: () => Promise<void> | void = () => {}
      beforeAll(async () => {
        if (kind === 'in-process') {
          const mock = await setupMockdesk({ count: options.count ?? 5 })
          mock.listen({ onUnhandledRequest: 'error' })
          Object.assign(target, { mockdesk: mock.mockdesk, baseUrl: (id: ApiId) => documentedBaseUrl(apis[id].document).replace(/\/$/, '') })
          close = () => mock.close()
        } else {
          const server = await startMockServer({ port: 0, count: options.count ?? 5 })
          Object.assign(target, { mockdesk: server.mockdesk, url: server.url, baseUrl: (id: ApiId) => server.baseUrls[id]! })
          close = () => server.close()
        }
      })
      afterAll(() => close())
      suite(target)
    })
  }
}

export interface Parts {
  path?: Record<string, string>
  /** Raw query text without `?`, appended after the credentials. */
  query?: string
  body?: BodyInit
  headers?: Record<string, string>
  /** Leave the credentials out. */
  anonymous?: boolean
}

/** The URL and init for one operation; path values are sent exactly as given (no encoding). */
export function requestFor(target: Target, id: ApiId, operation: Operation, parts: Parts = {}): { url: string; init: RequestInit } {
  const auth = parts.anonymous ? { headers: {}, query: {} } : authorize(apis[id].document, operation, apis[id].keys[0]?.key ?? '')
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => parts.path?.[name] ?? 'x1')
  const query = [new URLSearchParams(auth.query).toString(), parts.query ?? ''].filter(Boolean).join('&')
  return {
    url: `${target.baseUrl(id)}${path}${query ? `?${query}` : ''}`,
    init: { method: operation.method.toUpperCase(), headers: { ...auth.headers, ...parts.headers }, body: parts.body ?? null },
  }
}

/** The API's introductory list, which must answer 200 whenever the server is healthy. */
export async function normalRequest(target: Target, id: ApiId): Promise<number> {
  const { url, init } = requestFor(target, id, introductoryOperation(apis[id].document)!)
  return (await fetch(url, init)).status
}

/**
 * Everything one API stores, as text to compare before and after a request: its collections'
 * records and its plain state (counters). Cheaper than a full snapshot, which clones every record.
 */
export function stateOf(target: Target, id: ApiId): string {
  const store = target.mockdesk.apis.find((api) => api.definition.id === id)!.store as Record<string, unknown>
  return JSON.stringify(
    Object.entries(store).map(([name, value]) =>
      value instanceof IndexedCollection ? [name, value.all()] : typeof value === 'function' || value instanceof Faker ? [name] : [name, value],
    ),
  )
}

export { apiIds, apis }
