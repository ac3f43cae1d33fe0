/**
 * A catalogue of deliberately broken servers: each is the real mock of one API with one fault
 * (msw handlers prepended with `server.use`), and the checks that must catch it. The fault
 * handlers delegate to the real mock through msw's getResponse and bend its answer.
 */
import { getResponse, http, HttpResponse, type HttpHandler } from 'msw'
import omnideskKeys from '../../fixtures/omnidesk/keys.json'
import tomticketKeys from '../../fixtures/tomticket/keys.json'
import keys from '../../fixtures/toptickets/keys.json'
import { apis, type ApiId } from '../../src/apis/select-apis.ts'
import { defaultCustomerCount } from '../../src/apis/ticketsource/store.ts'
import type { CheckName, NamedCredentials } from '../../src/contract/index.ts'

export const base = 'https://api.toptickets.app/v1'
const admin = `Bearer ${keys[0]!.key}`
const ticketsource = 'https://api.ticketsource.io'
const tomticket = 'https://api.tomticket.com/v2.0'
const billingplatform = 'https://demo.billingplatform.uk/backend/api/v1'
const omnidesk = 'https://account.omnidesk.com'

/**
 * The further credentials each API's runs get, with the scopes the fixtures give them: the
 * permission checks prove each refused and accepted as the spec's security requirements say.
 */
export const roles: Partial<Record<ApiId, NamedCredentials[]>> = {
  toptickets: [
    { name: 'agent', token: keys.find((k) => k.role === 'agent')!.key, scopes: ['customers:read', 'customers:write'] },
    { name: 'read-only', token: keys.find((k) => k.role === 'read_only_admin')!.key, scopes: ['customers:read'] },
  ],
  omnidesk: omnideskKeys.slice(1).map((k) => ({ name: k.role, apiKey: k.key, scopes: k.permissions })),
  // A TomTicket token holds the role of its account's plan (the spec's requirements name `premium` and `enterprise`).
  tomticket: tomticketKeys.slice(1).map((k) => ({ name: k.role, token: k.key, scopes: k.role === 'start' ? [] : [k.role] })),
}

export interface BrokenServer {
  /** The API whose mock is broken (default toptickets). */
  api?: ApiId
  name: string
  /** The checks that must fail, and no others. */
  expected: CheckName[]
  handlers: (real: HttpHandler[]) => HttpHandler[]
  /**
   * A fault only the generative phase can find: a run without it (`examples: 0`) must pass, and
   * the run with `examples` of them must report the shrunk example `minimal` accepts.
   */
  generative?: { examples: number; minimal: (example: string) => boolean }
}

/** The real mock's answer to a request, optionally rewritten first. */
const real = async (handlers: HttpHandler[], request: Request, change: { url?: string; headers?: Record<string, string>; body?: BodyInit } = {}) => {
  const headers = new Headers(request.headers)
  for (const [name, value] of Object.entries(change.headers ?? {})) headers.set(name, value)
  if (change.body instanceof FormData) headers.delete('content-type') // a new multipart boundary
  const body = change.body ?? (request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.clone().arrayBuffer())
  return (await getResponse(handlers, new Request(change.url ?? request.url, { method: request.method, headers, body })))!
}

/** A query parameter over (or under) its bound, answered as if it were the bound: clamped, not rejected. */
const clamping = (url: string, parameter: string, clamp: (value: number) => number | undefined) => (handlers: HttpHandler[]) => [
  http.get(url, ({ request }) => {
    const target = new URL(request.url)
    const value = target.searchParams.get(parameter)
    const clamped = value !== null && /^-?\d+$/.test(value) ? clamp(Number(value)) : undefined
    if (clamped !== undefined) target.searchParams.set(parameter, String(clamped))
    return real(handlers, request, { url: target.href })
  }),
]

/** A read of a record that does not exist, answered 200 with the vendor's error body. */
const notFoundAsSuccess = (url: string, id: RegExp, status = 404) => (handlers: HttpHandler[]) => [
  http.get(url, async ({ request }) => {
    const response = await real(handlers, request)
    // Only reads by a well-formed id (not /customer/timelineBy..., not an id that breaks its schema).
    if (!id.test(new URL(request.url).pathname.split('/').pop()!)) return response
    return response.status === status ? new Response(await response.text(), { status: 200, headers: response.headers }) : response
  }),
]

/** The body of the first create in a shrunk sequence's description. */
const createdBody = (example: string): Record<string, any> | undefined => {
  const json = /^the sequence create #1 (\{.*?\})(?: → | \(shrunk)/.exec(example)?.[1]
  return json === undefined ? undefined : JSON.parse(json)
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
    // The read after create also shows is_vip as other than was sent.
    expected: ['response-schema-conformance', 'write-persistence'],
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
  // Write semantics: a field dropped, changed, or not persisted.
  {
    name: 'ignores the company field of a create',
    expected: ['write-persistence'],
    handlers: (handlers) => [
      http.post(`${base}/customers`, async ({ request }) => {
        const body = await request.clone().json().catch(() => undefined)
        if (!body || typeof body !== 'object' || !('company' in body)) return real(handlers, request)
        const { company: _, ...rest } = body
        return real(handlers, request, { body: JSON.stringify(rest) })
      }),
    ],
  },
  {
    api: 'ticketsource',
    name: 'answers an update with what was sent but keeps the old record',
    expected: ['write-persistence'],
    handlers: (handlers) => [
      http.patch(`${ticketsource}/customers/:id`, async ({ request }) => {
        const response = await real(handlers, request)
        if (response.status !== 200) return response
        // Undo it: patch the record back to what a read showed before.
        const before = (await request.clone().json()) as { data: { attributes: Record<string, unknown> } }
        const sent = Object.keys(before.data.attributes)
        const stored = (await response.clone().json()) as { data: { attributes: Record<string, unknown> } }
        const original = Object.fromEntries(sent.map((name) => [name, name === 'title' ? null : `${stored.data.attributes[name]} (old)`]))
        await real(handlers, new Request(request.url, { method: 'PATCH', headers: request.headers, body: JSON.stringify({ data: { ...before.data, attributes: original } }) }))
        return response
      }),
    ],
  },
  {
    api: 'billingplatform',
    name: 'answers a ticket update with the fields sent but stores nothing',
    expected: ['write-persistence'],
    handlers: (handlers) =>
      (['put', 'patch'] as const).map((method) =>
        http[method](`${billingplatform}/tickets/:id`, async ({ request }) => {
          const sent = await request.clone().json().catch(() => undefined)
          const current = await real(handlers, new Request(request.url, { headers: request.headers }))
          // Only a valid update of an existing ticket is faked: errors stay real.
          const check = await real(handlers, request.clone())
          if (check.status !== 200 || current.status !== 200 || !sent) return check
          // Put the ticket back as it was, and answer as if the update had stuck.
          const before = await current.json()
          await real(handlers, new Request(request.url, { method: 'PUT', headers: request.headers, body: JSON.stringify(before) }))
          return HttpResponse.json({ ...(before as object), ...(sent as object) }, { status: 200 })
        }),
      ),
  },
  // Unknown resources: a well-formed id of no record answered with a success status.
  {
    name: 'answers 200 with its error body for a customer that does not exist',
    // The body is the error, not a customer; and a deleted customer "still answers" 200.
    expected: ['unknown-resource', 'response-schema-conformance', 'use-after-free'],
    handlers: notFoundAsSuccess(`${base}/customers/:id`, /^[0-9a-f-]{36}$/),
  },
  {
    api: 'billingplatform',
    name: 'answers 200 with its error body for a ticket that does not exist',
    expected: ['unknown-resource', 'response-schema-conformance', 'use-after-free'],
    handlers: notFoundAsSuccess(`${billingplatform}/tickets/:id`, /^[1-9]\d*$/),
  },
  {
    api: 'omnidesk',
    // Omnidesk answers an unknown customer 400 (it documents no 404).
    name: 'answers 200 with its error body for a customer that does not exist',
    expected: ['unknown-resource', 'response-schema-conformance'],
    handlers: notFoundAsSuccess(`${omnidesk}/api/v2/customer/:id`, /^[1-9]\d*$/, 400),
  },
  // Boundaries: a value past a documented bound clamped instead of rejected.
  {
    name: 'clamps a page size over 100 instead of rejecting it',
    expected: ['negative-data-rejection'],
    handlers: clamping(`${base}/customers`, 'limit', (limit) => (limit > 100 ? 100 : undefined)),
  },
  {
    api: 'omnidesk',
    name: 'clamps itemLimit over 99 instead of rejecting it',
    expected: ['negative-data-rejection'],
    handlers: clamping(`${omnidesk}/api/v2/customer`, 'itemLimit', (limit) => (limit > 99 ? 99 : undefined)),
  },
  {
    api: 'tomticket',
    name: 'reads page 0 as page 1 instead of rejecting it',
    expected: ['negative-data-rejection'],
    handlers: clamping(`${tomticket}/customer/list`, 'page', (page) => (page < 1 ? 1 : undefined)),
  },
  {
    api: 'billingplatform',
    name: 'reads a negative idAfter as 0 instead of rejecting it',
    expected: ['negative-data-rejection'],
    handlers: clamping(`${billingplatform}/tickets/`, 'idAfter', (id) => (id < 0 ? 0 : undefined)),
  },
  // Permissions: a credential let through where the spec's scopes refuse it.
  {
    name: 'lets an agent key delete customers',
    expected: ['permission-enforced'],
    handlers: (handlers) => [
      http.delete(`${base}/customers/:id`, ({ request }) =>
        real(handlers, request, request.headers.get('authorization') === `Bearer ${roles.toptickets![0]!.token}` ? { headers: { authorization: admin } } : {}),
      ),
    ],
  },
  {
    api: 'omnidesk',
    name: 'lets a read-only key change customers',
    expected: ['permission-enforced'],
    handlers: (handlers) => [
      http.all(`${omnidesk}/api/v2/customer*`, ({ request }) => {
        const reader = omnideskKeys.find((k) => k.role === 'customer_reader')!.key
        const url = new URL(request.url)
        const read = request.method === 'GET' || /Search/.test(url.pathname)
        const key = request.headers.get('apikey') ?? url.searchParams.get('apiKey')
        if (read || key !== reader) return undefined // the real mock answers
        url.searchParams.delete('apiKey')
        return real(handlers, request, { url: url.href, headers: { apikey: omnideskKeys[0]!.key } })
      }),
    ],
  },
  {
    api: 'tomticket',
    name: 'lets a token of a plan without the customer API look customers up',
    expected: ['permission-enforced'],
    handlers: (handlers) => [
      http.get(`${tomticket}/customer/*`, ({ request }) => {
        const start = tomticketKeys.find((k) => k.role === 'start')!.key
        if (request.headers.get('authorization') !== `Bearer ${start}`) return undefined // the real mock answers
        return real(handlers, request, { headers: { authorization: `Bearer ${tomticketKeys[0]!.key}` } })
      }),
    ],
  },
  // The generative phase: faults no single documented example reaches, shrunk to the smallest request or sequence.
  {
    name: 'fails with 500 on a create in the asean region',
    expected: ['not-a-server-error'],
    handlers: (handlers) => [
      http.post(`${base}/customers`, async ({ request }) => {
        const body: any = await request.clone().json().catch(() => undefined)
        return body?.region === 'asean' ? HttpResponse.json({ detail: 'Internal server error' }, { status: 500 }) : real(handlers, request)
      }),
    ],
    generative: {
      examples: 50,
      // One create, with only the required fields and the value that breaks it.
      minimal: (example) => {
        const body = createdBody(example)
        return body !== undefined && Object.keys(body).sort().join() === 'email,name,region' && body.region === 'asean'
      },
    },
  },
  {
    // The pagination walk stops at the short last page; only a generated skip goes past it.
    name: 'fails with 500 on a page past the last customer',
    expected: ['not-a-server-error'],
    handlers: (handlers) => [
      http.get(`${base}/customers`, async ({ request }) => {
        const response = await real(handlers, request)
        const url = new URL(request.url)
        const past = Number(url.searchParams.get('skip') ?? 0) > 0 && url.searchParams.get('limit') !== '0'
        if (response.status !== 200 || !past || ((await response.clone().json()) as unknown[]).length > 0) return response
        return HttpResponse.json({ detail: 'Internal server error' }, { status: 500 })
      }),
    ],
    generative: {
      examples: 50,
      // The first skip past the end of the 150 seeded customers, and nothing else.
      minimal: (example) => /^GET \/customers with query \{"skip":150\} \(shrunk/.test(example),
    },
  },
  {
    api: 'ticketsource',
    // The pagination walk stops where links.next is null; only a generated page goes past the end.
    name: 'fails with 500 on a page past the last customer',
    expected: ['not-a-server-error'],
    handlers: (handlers) => [
      http.get(`${ticketsource}/customers`, async ({ request }) => {
        const response = await real(handlers, request)
        if (response.status !== 200 || ((await response.clone().json()) as { data: unknown[] }).data.length > 0) return response
        return HttpResponse.json({ message: 'Server Error' }, { status: 500 })
      }),
    ],
    generative: {
      examples: 50,
      // The first page past the end for the page size sent (the seeded customers, the spec's default
      // page size unless told): one page less, or one record fewer a page, and the page is no longer empty.
      minimal: (example) => {
        const query = /^GET \/customers with query (\{.*?\}) \(shrunk/.exec(example)?.[1]
        if (query === undefined) return false
        const { PerPage } = apis.ticketsource.document.components!.parameters as Record<string, { schema: { default: number } }>
        const defaultPerPage = PerPage!.schema.default
        const { page, per_page: perPage = defaultPerPage } = JSON.parse(query) as { page?: number; per_page?: number }
        const pages = (size: number) => Math.ceil(defaultCustomerCount / size)
        return page === pages(perPage) + 1 && (perPage === defaultPerPage || page < pages(perPage - 1) + 1)
      },
    },
  },
  {
    api: 'billingplatform',
    // A column 200 characters wide behind a field the docs allow 255: the docs' example subject is short, the probes send 256.
    name: 'fails with 500 on a subject of 201 to 255 characters',
    expected: ['not-a-server-error'],
    handlers: (handlers) => [
      http.post(`${billingplatform}/tickets/`, async ({ request }) => {
        const body: any = await request.clone().json().catch(() => undefined)
        const length = typeof body?.subject === 'string' ? body.subject.length : 0
        if (length > 200 && length <= 255) return HttpResponse.json({ name: 'Internal Server Error', message: 'An internal server error occurred.', code: 0, status: 500 }, { status: 500 })
        return real(handlers, request)
      }),
    ],
    generative: {
      examples: 50,
      // One create, with only the required fields, and the shortest subject that still fails: 201 characters.
      minimal: (example) => {
        const body = createdBody(example)
        return body !== undefined && Object.keys(body).sort().join() === 'customerID,subject,ticketType' && body.subject.length === 201
      },
    },
  },
  {
    api: 'billingplatform',
    // The lifecycle updates with PUT; only a sequence reaches PATCH, then delete, then a read.
    name: 'answers 204 to the delete of a ticket changed by PATCH and keeps it',
    expected: ['use-after-free'],
    handlers: (handlers) => {
      const patched = new Set<string>()
      return [
        http.patch(`${billingplatform}/tickets/:id`, async ({ request, params }) => {
          const response = await real(handlers, request)
          if (response.status === 200) patched.add(params.id as string)
          return response
        }),
        http.delete(`${billingplatform}/tickets/:id`, ({ request, params }) => (patched.has(params.id as string) ? new Response(null, { status: 204 }) : real(handlers, request))),
      ]
    },
    generative: {
      examples: 50,
      // Four steps, each as small as it gets: the required fields, an empty PATCH.
      minimal: (example) =>
        /^the sequence create #1 \{[^→]*\} → update #1 \(PATCH\) \{\} → delete #1 → read #1 after its delete \(shrunk/.test(example) &&
        Object.keys(createdBody(example) ?? {}).sort().join() === 'customerID,subject,ticketType',
    },
  },
]
