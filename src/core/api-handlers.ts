/**
 * Compiles an API definition into the one pipeline every runtime uses. Each operation gets a
 * resolver, behaviour (latency, faults, rate limits; behaviour/behaviour.ts) → explicit status (`Prefer: code=`) → auth → the API's optional path binding → body and
 * parameter validation (after the API's optional body preparation) → the API's handler. The
 * resolvers sit in a precompiled route table that both runtimes match: the HTTP server directly,
 * MSW (service worker, msw/node) through one catch-all handler per API (msw-handlers.ts), which skips MSW's
 * per-operation matching machinery on the hot path. Whatever goes wrong inside becomes
 * mockdesk's own 500, never a crash. A GET whose answer is already prepared (same store, same
 * request, same caller, unchanged collections) is answered from the response cache's bytes after
 * auth and validation, in place of the handler (response-cache.ts).
 */
import type { Behaviour } from './behaviour/behaviour.ts'
import type { ApiDefinition, RouteContext, RouteHandler } from './define-api.ts'
import { KitError, kitErrorFrom } from './kit-error.ts'
import { listOperations, type Operation } from './openapi-document.ts'
import { documentedResponse, preferredStatus } from './prefer.ts'
import { defaultMaxBodyBytes, readBody } from './request-body.ts'
import { pathParams } from './path-params.ts'
import { createRequestValidator } from './request-validator.ts'
import { trackReads } from './collection-version.ts'
import { principalKey, ResponseCache, storeIdOf, type CachedAnswer } from './response-cache.ts'

export interface ApiHandlerOptions<Store> {
  /**
   * Where the API is mounted: an absolute base URL (`https://api.toptickets.app/v1`) matches only
   * that origin; a path (`/toptickets/v1`) matches it on any origin, as the HTTP server needs.
   */
  base: string
  /**
   * The live store for this request: a function so that a reset can swap it without rebuilding
   * handlers, and so that each request can be answered from its own world (a session's).
   */
  store: (request: Request) => Store
  maxBodyBytes?: number
  /** Latency, faults and rate limits: one stage in front of the rest of the pipeline. */
  behaviour?: Behaviour
  /** Prepared answers to reads; shared by the APIs of one mockdesk. Default: a cache of its own. */
  responseCache?: ResponseCache
}

type Params = Record<string, string | readonly string[] | undefined>
/** `url` is the request's URL already parsed, when the caller has it (parsing it again costs). */
type Resolver = (request: Request, params: Params, url?: URL) => Promise<Response>

/** One operation, matched without MSW: method, a path regexp over the full pathname, its resolver. */
export interface CompiledRoute {
  method: string
  regexp: RegExp
  names: string[]
  resolve: Resolver
}

export interface CompiledApi {
  /**
   * Every URL the API answers (its base, and any path under it): MSW's one handler per API
   * matches it (msw-handlers.ts), kept out of this module so the HTTP server never loads msw.
   */
  mount: RegExp
  /** The same test on the URL as sent (query included): a cheap first look (mounted-handler.ts). */
  within: RegExp
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
  const baseUrlOf = (url: URL) => (absolute ? base : url.origin + base)
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes
  // Literal paths before templated ones, so `/customer/search` is not taken for `/customer/{id}`.
  const operations = listOperations(api.document).sort((a, b) => templateCount(a.path) - templateCount(b.path))
  // ...and not when the request's method is documented only on the template either: a documented
  // literal path is never an id, so `GET /customer/search` (POST only) is a 405, not a bad id.
  const literalPaths = new Set(operations.filter((op) => templateCount(op.path) === 0).map((op) => op.path))
  const pathWithinBase = (url: URL) => url.pathname.slice(basePath.length) || '/'
  const responseCache = options.responseCache ?? new ResponseCache()

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
    // Reads only: their answers depend on the request and the collections they read, nothing else.
    const cacheable = operation.method === 'get' && responseCache.enabled
    const hasHeaderParams = operation.parameters.some((p) => p.in === 'header')
    const resolve: Resolver = async (request, params, parsedUrl) => {
      try {
        const url = parsedUrl ?? new URL(request.url)
        if (templated && literalPaths.has(pathWithinBase(url))) return fallback(request)
        const status = preferredStatus(request, url)
        if (status !== undefined && status !== success) return documentedResponse(operation, status)

        const auth = api.authenticate(request, operation, url)
        if (!auth.ok) return auth.response

        const bound = api.bindPath?.({ params, store: options.store(request), operation })
        if (bound) return bound

        const body = await readBody(request, operation, maxBodyBytes)
        if (!body.ok) return api.invalidRequest([body.issue], operation)
        const input = body.body && api.prepareBody ? { ...body.body, value: api.prepareBody(body.body.value, operation) } : body.body
        const valid = validate({ params, searchParams: url.searchParams, headers: request.headers, body: input })
        if (!valid.ok) return api.invalidRequest(valid.issues, operation)

        const store = options.store(request)
        const cacheKey = cacheable
          ? `${storeIdOf(store as object)} ${operation.id} ${request.url} ${principalKey(auth.principal)}${hasHeaderParams ? ` ${JSON.stringify(valid.value.headers)}` : ''}`
          : undefined
        if (cacheKey !== undefined) {
          const prepared = responseCache.get(cacheKey)
          if (prepared) return answerResponse(prepared, cacheKey)
        }

        // The handler's JSON answer, kept as parts, so a read's answer can be stored as bytes.
        let answered: { response: Response; answer: JsonAnswer } | undefined
        const context = {
          request,
          url,
          baseUrl: baseUrlOf(url),
          store,
          operation,
          principal: auth.principal,
          ...valid.value,
          json: (status: number, payload: unknown, init?: ResponseInit) => {
            const answer = jsonAnswer(status, payload, init)
            const response = new Response(answer.text, { status, headers: answer.headers })
            answered = { response, answer }
            return response
          },
          empty: (status: number, init?: ResponseInit) => new Response(null, { ...init, status }),
        }
        if (cacheKey === undefined) return await handle(context as RouteContext<any, Store, unknown>)

        const { result, reads } = trackReads(() => handle(context as RouteContext<any, Store, unknown>))
        // Only an answer built synchronously by `json` is stored: its reads are all tracked.
        if (answered && result === answered.response) {
          const { status, headers, text } = answered.answer
          const prepared: CachedAnswer = { status, headers, body: encoder.encode(text) }
          responseCache.set(cacheKey, prepared, reads)
          return answerResponse(prepared, cacheKey)
        }
        return await result
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

  const routes = compiled.map(({ operation, resolve }) => ({ method: operation.method.toUpperCase(), resolve, ...pathRegExp(basePath, operation.path) }))
  // The whole API as one RegExp, for MSW's one handler per API (msw-handlers.ts says why).
  const origin = absolute ? escapeRegExp(new URL(base).origin) : '[a-z][a-z0-9+.-]*://[^/]+'
  const mount = new RegExp(`^${origin}${escapeRegExp(basePath)}(?:/.*)?$`, 'i')
  // The same test on the URL as sent (query included), so other APIs' requests skip MSW's parsing.
  const within = new RegExp(`^${origin}${escapeRegExp(basePath)}(?:[/?#]|$)`, 'i')
  return { mount, within, routes, fallback }
}

/** Answers a request from a compiled API's route table (the HTTP server and the MSW handler alike); `url`: the request's URL if already parsed. */
export function matchRoute(api: CompiledApi, request: Request, pathname: string, url?: URL): Promise<Response> | Response {
  for (const route of api.routes) {
    if (route.method !== request.method) continue
    const match = route.regexp.exec(pathname)
    if (!match) continue
    return route.resolve(request, pathParams(route.names, match), url)
  }
  return api.fallback(request)
}

interface JsonAnswer {
  status: number
  headers: Readonly<Record<string, string>>
  text: string
}

const encoder = new TextEncoder()

/**
 * A JSON answer serialized once, with plain headers: the Node adapter writes a string or byte body
 * with plain headers straight to the socket (no web stream, no Headers object to convert).
 */
function jsonAnswer(status: number, payload: unknown, init: ResponseInit = {}): JsonAnswer {
  const headers: Record<string, string> = {}
  if (init.headers) new Headers(init.headers).forEach((value, name) => (headers[name] = value))
  headers['content-type'] = 'application/json'
  return { status, headers: Object.freeze(headers), text: JSON.stringify(payload) }
}

/** Which prepared answer a Response was made from (its response cache key), for repeated-reads.ts. */
const preparedKeys = new WeakMap<Response, string>()

export const preparedKeyOf = (response: Response): string | undefined => preparedKeys.get(response)

/**
 * A Response of prepared bytes; a new one each time, since callers may add headers (CORS). The
 * HTTP server's Node adapter writes a byte body with plain headers straight to the socket.
 */
export function answerResponse(answer: CachedAnswer, cacheKey?: string): Response {
  const response = new Response(answer.body, { status: answer.status, headers: answer.headers })
  // Marked only when asked (the pipeline's answers, which may be remembered): a WeakMap entry per
  // response is work for the garbage collector too.
  if (cacheKey !== undefined) preparedKeys.set(response, cacheKey)
  return response
}

/** The operation's default answer: its lowest documented 2xx. */
export function successStatus(operation: Operation): number {
  return Math.min(...Object.keys(operation.definition.responses).map(Number).filter((s) => s >= 200 && s < 300))
}

const templateCount = (path: string) => path.split('{').length - 1

function matchesTemplate(template: string, path: string): boolean {
  return pathRegExp('', template).regexp.test(path)
}
