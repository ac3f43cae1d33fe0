/**
 * A catalogue of deliberately broken TopTickets servers: each is the real mock with one fault
 * (msw handlers prepended with `server.use`), and the checks that must catch it. The fault
 * handlers delegate to the real mock through msw's getResponse and bend its answer.
 */
import { getResponse, http, HttpResponse, type HttpHandler } from 'msw'
import keys from '../../fixtures/toptickets/keys.json'
import type { CheckName } from '../../src/contract/index.ts'

export const base = 'https://api.toptickets.app/v1'
const admin = `Bearer ${keys[0]!.key}`

export interface BrokenServer {
  name: string
  /** The checks that must fail, and no others. */
  expected: CheckName[]
  handlers: (real: HttpHandler[]) => HttpHandler[]
}

/** The real mock's answer to a request, optionally rewritten first. */
const real = async (handlers: HttpHandler[], request: Request, change: { url?: string; headers?: Record<string, string>; body?: string } = {}) => {
  const headers = new Headers(request.headers)
  for (const [name, value] of Object.entries(change.headers ?? {})) headers.set(name, value)
  const body = change.body ?? (request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.clone().text())
  return (await getResponse(handlers, new Request(change.url ?? request.url, { method: request.method, headers, body })))!
}

const withJson = async (response: Response, change: (body: any) => Record<string, unknown>) => HttpResponse.json(change(await response.json()), { status: response.status })

export const brokenServers: BrokenServer[] = [
  {
    name: 'answers the list with an undocumented 202',
    expected: ['status-code-conformance'],
    handlers: (handlers) => [
      http.get(`${base}/customers`, async ({ request }) => {
        const response = await real(handlers, request)
        return response.status === 200 ? new Response(response.body, { status: 202, headers: response.headers }) : response
      }),
    ],
  },
  {
    name: 'sends is_vip as a string',
    expected: ['response-schema-conformance'],
    handlers: (handlers) => [
      http.get(`${base}/customers/:id`, async ({ request }) => {
        const response = await real(handlers, request)
        return response.status === 200 ? withJson(response, (c) => ({ ...c, is_vip: String(c.is_vip) })) : response
      }),
    ],
  },
  {
    name: 'ignores auth on the list',
    expected: ['auth-enforced'],
    handlers: (handlers) => [http.get(`${base}/customers`, ({ request }) => real(handlers, request, { headers: { authorization: admin } }))],
  },
  {
    name: 'repeats the last record of the previous page',
    expected: ['pagination-consistency'],
    handlers: (handlers) => [
      http.get(`${base}/customers`, async ({ request }) => {
        const url = new URL(request.url)
        const skip = Number(url.searchParams.get('skip') ?? 0)
        if (skip > 0 && !url.searchParams.has('__code') && request.headers.get('authorization') === admin) url.searchParams.set('skip', String(skip - 1))
        return real(handlers, request, { url: url.href })
      }),
    ],
  },
  {
    name: 'drops a record between pages',
    expected: ['pagination-consistency'],
    handlers: (handlers) => [
      http.get(`${base}/customers`, async ({ request }) => {
        const url = new URL(request.url)
        const skip = Number(url.searchParams.get('skip') ?? 0)
        if (skip > 0 && request.headers.get('authorization') === admin) url.searchParams.set('skip', String(skip + 1))
        return real(handlers, request, { url: url.href })
      }),
    ],
  },
  {
    name: 'answers 204 to a delete and keeps the record',
    expected: ['use-after-free'],
    handlers: (handlers) => [
      http.delete(`${base}/customers/:id`, async ({ request }) => {
        // Only a delete that would succeed is faked: auth and validation errors stay real.
        const exists = await real(handlers, new Request(request.url, { headers: request.headers }))
        return exists.status === 200 && request.headers.get('authorization') === admin ? new Response(null, { status: 204 }) : real(handlers, request)
      }),
    ],
  },
  {
    name: 'fails with 500 on a body that is not JSON',
    expected: ['not-a-server-error', 'negative-data-rejection'],
    handlers: (handlers) => [
      http.post(`${base}/customers`, async ({ request }) => {
        const text = await request.clone().text()
        try {
          JSON.parse(text)
        } catch {
          return HttpResponse.json({ detail: 'Internal server error' }, { status: 500 })
        }
        return real(handlers, request)
      }),
    ],
  },
  {
    name: 'sends 429 without Retry-After',
    expected: ['response-headers-conformance'],
    handlers: (handlers) => [
      http.get(`${base}/customers`, async ({ request }) => {
        const response = await real(handlers, request)
        if (response.status !== 429) return response
        const headers = new Headers(response.headers)
        headers.delete('retry-after')
        return new Response(response.body, { status: 429, headers })
      }),
    ],
  },
  {
    name: 'answers a customer as text/plain',
    expected: ['content-type-conformance'],
    handlers: (handlers) => [
      http.get(`${base}/customers/:id`, async ({ request }) => {
        const response = await real(handlers, request)
        const headers = new Headers(response.headers)
        headers.set('content-type', 'text/plain')
        return new Response(await response.text(), { status: response.status, headers })
      }),
    ],
  },
  {
    name: 'accepts a customer without a name',
    expected: ['negative-data-rejection'],
    handlers: (handlers) => [
      http.post(`${base}/customers`, async ({ request }) => {
        const response = await real(handlers, request)
        let body: any
        try {
          body = JSON.parse(await request.clone().text())
        } catch {
          return response
        }
        if (response.status !== 422 || body?.name !== undefined || !body?.email) return response
        return real(handlers, request, { body: JSON.stringify({ ...body, name: 'Anonymous' }) })
      }),
    ],
  },
  {
    name: 'rejects every create',
    expected: ['positive-data-acceptance'],
    handlers: (handlers) => [
      http.post(`${base}/customers`, async ({ request }) => {
        const response = await real(handlers, request)
        return response.status === 201 ? HttpResponse.json({ detail: [{ loc: ['body'], msg: 'rejected', type: 'value_error' }] }, { status: 422 }) : response
      }),
    ],
  },
  {
    name: 'answers 201 to a create and stores nothing',
    expected: ['resource-availability'],
    handlers: (handlers) => [
      http.post(`${base}/customers`, async ({ request }) => {
        const response = await real(handlers, request)
        if (response.status !== 201) return response
        const created = await response.json()
        await real(handlers, new Request(`${base}/customers/${created.id}`, { method: 'DELETE', headers: { authorization: admin } }))
        return HttpResponse.json(created, { status: 201 })
      }),
    ],
  },
]
