/**
 * A smoke walk through one API, derived from its spec (the same dereferenced document the mock
 * serves) and sent with `fetch` to the vendor's real base URL. The browser test runs it from page
 * code (through the service worker); the snapshot test runs it in Node (through msw/node).
 *
 * - list: the API's introductory list (`x-pagination`, no path parameters), as the sandbox's curl;
 * - create: the first POST without path parameters whose success response declares `links`
 *   (and is not an update); body: the spec's example with `x-unique` fields renewed, or generated;
 * - read: the create response's link to a GET (else to a POST lookup, e.g. a search by an id the
 *   create request carried), with the values the link's runtime expressions give;
 * - delete: a DELETE linked from the create response, or from the read response;
 * - read after delete: the read again, which must now fail;
 * - bad request: the create with an empty body, which the vendor rejects with its own error.
 *
 * Requests carry the API's first key (the admin key by convention, as in the contract
 * self-check), placed as the spec's security scheme says. The Node side judges the transcript.
 */
import type { ApiDefinition } from '../../src/core/define-api.ts'
import { documentedBaseUrl, listOperations, type Operation } from '../../src/core/openapi-document.ts'
import { authorize, introductoryOperation } from '../../src/core/sample-request.ts'
import { evaluate, type ExpressionSources } from '../../src/contract/runtime-expression.ts'
import { createGenerator } from '../../src/contract/values/generate.ts'
import { schemaErrors } from '../../src/contract/validator.ts'
import { encodeBody } from './request-body.ts'

export type StepName = 'list' | 'create' | 'read' | 'delete' | 'read after delete' | 'bad request'

export interface Step {
  name: StepName
  operationId: string
  method: string
  url: string
  status: number
  headers: Record<string, string>
  text: string
}

export interface SmokeResult {
  api: string
  baseUrl: string
  steps: Step[]
  /** Why a step was not sent, e.g. the spec links no delete to the create. */
  notes: string[]
}

interface Parts {
  path: Record<string, unknown>
  query: Record<string, unknown>
  body?: unknown
  mediaType?: string
}

type Link = { operationId?: string; parameters?: Record<string, string>; requestBody?: unknown }

const isUpdate = (op: Operation) => op.method === 'put' || op.method === 'patch' || (op.method === 'post' && /update/i.test(op.id))
const successOf = (op: Operation) => Object.entries(op.definition.responses).find(([status]) => /^2/.test(status))
const isLookup = (op: Operation) => op.method === 'post' && /search|find|lookup|read/i.test(`${op.id} ${op.definition.summary ?? ''}`)

export interface SmokeOptions {
  /** Seed for generated values. */
  seed?: number
  /** Stop after the read: the created record stays (the persistence test reloads with it). */
  keep?: boolean
}

export async function runSmoke(api: ApiDefinition, { seed = 1, keep = false }: SmokeOptions = {}): Promise<SmokeResult> {
  const document = api.document
  const baseUrl = documentedBaseUrl(document).replace(/\/$/, '')
  const operations = listOperations(document)
  const generator = createGenerator(seed)
  const key = api.keys[0]?.key ?? ''
  const result: SmokeResult = { api: api.id, baseUrl, steps: [], notes: [] }

  function media(op: Operation) {
    const content = op.definition.requestBody?.content ?? {}
    const type = Object.keys(content).find((t) => /json/.test(t)) ?? Object.keys(content)[0]
    return type ? { type, media: content[type]! } : undefined
  }

  /** Required query parameters from their examples or defaults; the body from the spec. */
  function partsFor(op: Operation, given: { path?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown } = {}): Parts {
    const parts: Parts = { path: { ...given.path }, query: { ...given.query } }
    for (const parameter of op.parameters) {
      if (parameter.in === 'query' && parameter.required && parts.query[parameter.name] === undefined) {
        parts.query[parameter.name] = parameter.example ?? generator.value(parameter.schema ?? {})
      }
    }
    const body = media(op)
    if (body) {
      parts.mediaType = body.type
      if (given.body !== undefined) parts.body = given.body
      else {
        parts.body = generator.body(body.media as never)
        const form = body.type !== 'application/json'
        if (body.media.schema && schemaErrors(body.media.schema, parts.body, { text: form }).length > 0) {
          parts.body = generator.body(body.media as never, { generated: true })
        }
      }
    }
    return parts
  }

  async function send(name: StepName, op: Operation, parts: Parts): Promise<{ step: Step; json: unknown; headers: Headers }> {
    const auth = authorize(document, op, key)
    const path = op.path.replace(/\{([^}]+)\}/g, (_, p: string) => encodeURIComponent(String(parts.path[p] ?? '')))
    const url = new URL(baseUrl + path)
    for (const [k, v] of Object.entries({ ...parts.query, ...auth.query })) if (v !== undefined) url.searchParams.set(k, String(v))
    const init: RequestInit = { method: op.method.toUpperCase(), headers: { accept: 'application/json', ...auth.headers } }
    if (parts.mediaType && parts.body !== undefined) {
      const encoded = encodeBody(parts.mediaType, parts.body)
      init.body = encoded.body
      Object.assign(init.headers as Record<string, string>, encoded.headers)
    }
    const response = await fetch(url, init)
    const text = await response.text()
    let json: unknown
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    const step: Step = { name, operationId: op.id, method: init.method!, url: url.href, status: response.status, headers: Object.fromEntries(response.headers), text }
    result.steps.push(step)
    return { step, json, headers: response.headers }
  }

  /** A link's parameters and body, with runtime expressions (`$response.body#/id`, `{$request.body#/x}`) filled in. */
  function follow(link: Link, sources: ExpressionSources) {
    const fill = (value: unknown): unknown => {
      if (typeof value === 'string') {
        const embedded = /^\{(\$.+)\}$/.exec(value)
        return embedded ? evaluate(embedded[1]!, sources) : evaluate(value, sources)
      }
      if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]))
      return value
    }
    const op = operations.find((candidate) => candidate.id === link.operationId)!
    const path: Record<string, unknown> = {}
    const query: Record<string, unknown> = {}
    for (const [raw, expression] of Object.entries(link.parameters ?? {})) {
      const name = raw.replace(/^(path|query|header)\./, '')
      const location = op.parameters.find((p) => p.name === name)?.in
      if (location === 'path') path[name] = fill(expression)
      else if (location === 'query') query[name] = fill(expression)
    }
    return partsFor(op, { path, query, body: link.requestBody === undefined ? undefined : fill(link.requestBody) })
  }

  function linksOf(op: Operation, status: number): Array<{ link: Link; op: Operation }> {
    const links = (op.definition.responses[String(status)]?.links ?? {}) as Record<string, Link>
    return Object.values(links).flatMap((link) => {
      const target = operations.find((candidate) => candidate.id === link.operationId)
      return target ? [{ link, op: target }] : []
    })
  }

  const list = introductoryOperation(document)
  if (list) await send('list', list, partsFor(list))
  else result.notes.push('the spec has no GET without path parameters to list with')

  const create = operations.find((op) => op.method === 'post' && !op.path.includes('{') && !isUpdate(op) && successOf(op)?.[1].links)
  if (!create) {
    result.notes.push('the spec has no create (a POST without path parameters whose success response declares links)')
    return result
  }
  const createParts = partsFor(create)
  const created = await send('create', create, createParts)
  if (!/^2/.test(String(created.step.status))) return result

  const sourcesOf = (parts: Parts, reply: { json: unknown; headers: Headers }): ExpressionSources => ({
    request: { path: parts.path, query: parts.query, body: parts.body },
    response: { body: reply.json, headers: reply.headers },
  })
  const fromCreate = linksOf(create, created.step.status)
  const readLink = fromCreate.find(({ op }) => op.method === 'get') ?? fromCreate.find(({ op }) => isLookup(op))
  let readParts: Parts | undefined
  let read: Awaited<ReturnType<typeof send>> | undefined
  if (readLink) {
    readParts = follow(readLink.link, sourcesOf(createParts, created))
    read = await send('read', readLink.op, readParts)
  } else {
    result.notes.push(`${create.id} links to no read (a GET, or a POST lookup)`)
  }

  if (keep) return result

  let deleteLink = fromCreate.find(({ op }) => op.method === 'delete')
  let deleteSources = sourcesOf(createParts, created)
  if (!deleteLink && read && readLink && readParts && /^2/.test(String(read.step.status))) {
    deleteLink = linksOf(readLink.op, read.step.status).find(({ op }) => op.method === 'delete')
    deleteSources = sourcesOf(readParts, read)
  }
  if (!deleteLink) {
    result.notes.push(`no DELETE is linked from ${create.id}${readLink ? ` or ${readLink.op.id}` : ''}`)
  } else {
    const deleted = await send('delete', deleteLink.op, follow(deleteLink.link, deleteSources))
    if (readLink && readParts && /^2/.test(String(deleted.step.status))) await send('read after delete', readLink.op, readParts)
  }

  const bad = media(create)
  await send('bad request', create, { path: {}, query: {}, mediaType: bad?.type ?? 'application/json', body: {} })
  return result
}
