/**
 * Compiles an API definition into the one pipeline every runtime uses. Each operation gets a
 * resolver, behaviour (latency, faults, rate limits) → explicit status (`Prefer: code=`) → auth → the API's optional path binding → body and
 * parameter validation (after the API's optional body preparation) → the API's handler, and that same resolver is served two ways: as MSW request handlers (service worker,
 * msw/node) and as a precompiled route table the HTTP server matches directly, which skips
 * MSW's per-request matching machinery on the hot path. Whatever goes wrong inside becomes
 * mockdesk's own 500, never a crash.
 */
import { http, type HttpHandler } from 'msw'
import type { Behaviour } from './behaviour/behaviour.ts'
import type { ApiDefinition, RouteContext, RouteHandler } from './define-api.ts'
import { KitError, kitErrorFrom } from './kit-error.ts'
import { listOperations, type Operation } from './openapi-document.ts'
import { documentedResponse, preferredStatus } from './prefer.ts'
import { defaultMaxBodyBytes, readBody } from './request-body.ts'
import { createRequestValidator } from './request-validator.ts'

export interface ApiHandlerOptions<Store> {
  /**
   * Where the API is mounted: an absolute base URL (`https://api.toptickets.app/v1`) matches only
   * that origin; a path (`/toptickets/v1`) matches it on any origin, as the HTTP server needs.
   */
  base: string
  /** The live store; a function so that a reset can swap it without rebuilding handlers. */
  store: () => Store
  maxBodyBytes?: number
  /** Latency, faults and rate limits: one stage in front of the rest of the pipeline. */
  behaviour?: Behaviour
}

type Params = Record<string, string | readonly string[] | undefined>
type Resolver = (request: Request, params: Params) => Promise<Response>

/** One operation, matched without MSW: method, a path regexp over the full pathname, its resolver. */
export interface CompiledRoute {
  method: string
  regexp: RegExp
  names: string[]
  resolve: Resolver
}

export interface CompiledApi {
  /** For setupWorker / setupServer. */
  handlers: HttpHandler[]
  /** For the HTTP server: the same resolvers, matched by `matchRoute`. */
  routes: CompiledRoute[]
  /** The answer for a path or method the spec does not have. */
  fallback: (request: Request) => Response
}

/**
 * A documented trailing slash is dropped: msw (path-to-regexp) makes the trailing slash optional
 * only for patterns without one, so `/tickets` answers `/tickets/` but `/tickets/` would not
 * answer `/tickets`. Dropped, both spellings answer, for every path alike.
 */
const withoutTrailingSlash = (path: string) => path.replace(/(.)\/$/, '$1')

/** `/customers/{customer_id}` → `/customers/:customer_id`. */
const toMswPath = (path: string) => withoutTrailingSlash(path.replace(/\{([^}]+)\}/g, ':$1'))

const escapeRegExp = (text: string) => text.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')

/** A regexp with MSW's matching rules: case-insensitive, optional trailing slash, `{name}` = one segment. */
function pathRegExp(prefix: string, template: string): { regexp: RegExp; names: string[] } {
  const names: string[] = []
  const source = withoutTrailingSlash(template)
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{.+\}$/.test(part) ? (names.push(part.slice(1, -1)), '([^/]+)') : escapeRegExp(part)))
    .join('')
  return { regexp: new RegExp(`^${escapeRegExp(prefix)}${source}/?$`, 'i'), names }
}

export function compileApi<Store>(api: ApiDefinition<any, Store>, options: ApiHandlerOptions<Store>): CompiledApi {
  const base = options.base.replace(/\/$/, '')
  const absolute = /^https?:\/\//.test(base)
  const basePath = absolute ? new URL(base).pathname.replace(/\/$/, '') : base
  const pattern = (path: string) => (absolute ? base : `*${base}`) + toMswPath(path)
  const baseUrlOf = (url: URL) => (absolute ? base : url.origin + base)
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes
  // Literal paths before templated ones, so `/customer/search` is not taken for `/customer/{id}`.
  const operations = listOperations(api.document).sort((a, b) => templateCount(a.path) - templateCount(b.path))
  // ...and not when the request's method is documented only on the template either: a documented
  // literal path is never an id, so `GET /customer/search` (POST only) is a 405, not a bad id.
  const literalPaths = new Set(operations.filter((op) => templateCount(op.path) === 0).map((op) => op.path))
  const pathWithinBase = (url: URL) => url.pathname.slice(basePath.length) || '/'

  const resolverFor = (operation: Operation): Resolver => {
    const handle = (api.routes as Record<string, Record<string, RouteHandler<any, Store, unknown>>>)[operation.path]?.[operation.method]
    if (!handle) {
      throw new Error(
        `Failed to mount "${api.id}": ${operation.method.toUpperCase()} ${operation.path} (${operation.id}) is in specs/${api.id}.yaml but has no handler. Add it to the routes of src/apis/${api.id}/.`,
      )
    }
    const validate = createRequestValidator(operation)
    const templated = templateCount(operation.path) > 0
    const success = successStatus(operation)
    const resolve: Resolver = async (request, params) => {
      try {
        const url = new URL(request.url)
        if (templated && literalPaths.has(pathWithinBase(url))) return fallback(request)
        const status = preferredStatus(request, url)
        if (status !== undefined && status !== success) return documentedResponse(operation, status)

        const auth = api.authenticate(request, operation, url)
        if (!auth.ok) return auth.response

        const bound = api.bindPath?.({ params, store: options.store(), operation })
        if (bound) return bound

        const body = await readBody(request, operation, maxBodyBytes)
        if (!body.ok) return api.invalidRequest([body.issue], operation)
        const input = body.body && api.prepareBody ? { ...body.body, value: api.prepareBody(body.body.value, operation) } : body.body
        const valid = validate({ params, searchParams: url.searchParams, headers: request.headers, body: input })
        if (!valid.ok) return api.invalidRequest(valid.issues, operation)

        const context = {
          request,
          url,
          baseUrl: baseUrlOf(url),
          store: options.store(),
          operation,
          principal: auth.principal,
          ...valid.value,
          json: (status: number, payload: unknown, init?: ResponseInit) => jsonResponse(status, payload, init),
          empty: (status: number, init?: ResponseInit) => new Response(null, { ...init, status }),
        }
        return await handle(context as RouteContext<any, Store, unknown>)
      } catch (error) {
        return kitErrorFrom(error).toResponse()
      }
    }
    return options.behaviour ? options.behaviour.stage(api, operation, resolve) : resolve
  }

  const compiled = operations.map((operation) => ({ operation, resolve: resolverFor(operation) }))

  // Anything else under the base is not in the spec: say so, in mockdesk's words, instead of
  // letting the request through to the real network.
  const fallback = (request: Request) => {
    const url = new URL(request.url)
    const path = pathWithinBase(url)
    const allowed = operations
      .filter((op) => (literalPaths.has(path) ? op.path === path : matchesTemplate(op.path, path)))
      .map((op) => op.method.toUpperCase())
    const documented = operations.map((op) => `${op.method.toUpperCase()} ${baseUrlOf(url)}${op.path}`)
    if (allowed.length > 0) {
      return new KitError(
        'MOCKDESK_METHOD_NOT_ALLOWED',
        `specs/${api.id}.yaml documents ${path} only for ${allowed.join(', ')}, not ${request.method}.`,
        `Use one of: ${allowed.join(', ')}.`,
        { documented },
      ).toResponse({ allow: allowed.join(', ') })
    }
    return new KitError(
      'MOCKDESK_NO_ROUTE',
      `specs/${api.id}.yaml has no operation for ${request.method} ${path}.`,
      'Check the path against the documented operations listed here, or add the operation to the spec.',
      { documented },
    ).toResponse()
  }

  const handlers = compiled.map(({ operation, resolve }) =>
    http[operation.method as 'get'](pattern(operation.path), ({ request, params }) => resolve(request, params)),
  )
  const fallbackHandler = ({ request }: { request: Request }) => fallback(request)
  handlers.push(http.all(absolute ? `${base}/*` : `*${base}/*`, fallbackHandler), http.all(absolute ? base : `*${base}`, fallbackHandler))

  const routes = compiled.map(({ operation, resolve }) => ({ method: operation.method.toUpperCase(), resolve, ...pathRegExp(basePath, operation.path) }))
  return { handlers, routes, fallback }
}

/** MSW handlers only, for callers that need nothing else. */
export function createApiHandlers<Store>(api: ApiDefinition<any, Store>, options: ApiHandlerOptions<Store>): HttpHandler[] {
  return compileApi(api, options).handlers
}

/** Answers a request from a compiled API's route table, as its MSW handlers would. */
export function matchRoute(api: CompiledApi, request: Request, pathname: string): Promise<Response> | Response {
  for (const route of api.routes) {
    if (route.method !== request.method) continue
    const match = route.regexp.exec(pathname)
    if (!match) continue
    const params: Record<string, string> = {}
    route.names.forEach((name, index) => {
      const raw = match[index + 1]!
      try {
        params[name] = decodeURIComponent(raw)
      } catch {
        params[name] = raw
      }
    })
    return route.resolve(request, params)
  }
  return api.fallback(request)
}

/** JSON responses serialized once, with the length known, which is cheaper than Response.json's stream. */
function jsonResponse(status: number, payload: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers)
  headers.set('content-type', 'application/json')
  return new Response(JSON.stringify(payload), { ...init, status, headers })
}

/** The operation's default answer: its lowest documented 2xx. */
export function successStatus(operation: Operation): number {
  return Math.min(...Object.keys(operation.definition.responses).map(Number).filter((s) => s >= 200 && s < 300))
}

const templateCount = (path: string) => path.split('{').length - 1

function matchesTemplate(template: string, path: string): boolean {
  return pathRegExp('', template).regexp.test(path)
}
