/**
 * Turns an API definition into MSW request handlers, the one form that serves all three runtimes
 * (service worker, msw/node, the HTTP server). Every operation runs the same pipeline:
 * explicit status (`Prefer: code=`) → auth → the API's optional path binding → body and parameter
 * validation (after the API's optional body preparation) → the API's handler.
 * Whatever goes wrong inside becomes mockdesk's own 500, never a crash.
 */
import { http, type HttpHandler } from 'msw'
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
}

/** `/customers/{customer_id}` → `/customers/:customer_id`. */
const toMswPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1')

export function createApiHandlers<Store>(api: ApiDefinition<any, Store>, options: ApiHandlerOptions<Store>): HttpHandler[] {
  const base = options.base.replace(/\/$/, '')
  const absolute = /^https?:\/\//.test(base)
  const pattern = (path: string) => (absolute ? base : `*${base}`) + toMswPath(path)
  const baseUrlOf = (url: URL) => (absolute ? base : url.origin + base)
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes
  // Literal paths before templated ones, so `/customer/search` is not taken for `/customer/{id}`.
  const operations = listOperations(api.document).sort((a, b) => templateCount(a.path) - templateCount(b.path))

  const handlers = operations.map((operation) => {
    const handle = (api.routes as Record<string, Record<string, RouteHandler<any, Store, unknown>>>)[operation.path]?.[
      operation.method
    ]
    if (!handle) {
      throw new Error(
        `Failed to mount "${api.id}": ${operation.method.toUpperCase()} ${operation.path} (${operation.id}) is in specs/${api.id}.yaml but has no handler. Add it to the routes of src/apis/${api.id}/.`,
      )
    }
    const validate = createRequestValidator(operation)

    return http[operation.method as 'get'](pattern(operation.path), async ({ request, params }) => {
      try {
        const url = new URL(request.url)
        const status = preferredStatus(request, url)
        if (status !== undefined && status !== successStatus(operation)) return documentedResponse(operation, status)

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
          json: (status: number, payload: unknown, init?: ResponseInit) => Response.json(payload, { ...init, status }),
          empty: (status: number, init?: ResponseInit) => new Response(null, { ...init, status }),
        }
        return await handle(context as RouteContext<any, Store, unknown>)
      } catch (error) {
        return kitErrorFrom(error).toResponse()
      }
    })
  })

  // Anything else under the base is not in the spec: say so, in mockdesk's words, instead of
  // letting the request through to the real network.
  const fallback = ({ request }: { request: Request }) => {
    const url = new URL(request.url)
    const path = url.pathname.slice(new URL(baseUrlOf(url)).pathname.replace(/\/$/, '').length) || '/'
    const allowed = operations.filter((op) => matchesTemplate(op.path, path)).map((op) => op.method.toUpperCase())
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
  handlers.push(http.all(absolute ? `${base}/*` : `*${base}/*`, fallback), http.all(absolute ? base : `*${base}`, fallback))
  return handlers
}

/** The operation's default answer: its lowest documented 2xx. */
export function successStatus(operation: Operation): number {
  return Math.min(...Object.keys(operation.definition.responses).map(Number).filter((s) => s >= 200 && s < 300))
}

const templateCount = (path: string) => path.split('{').length - 1

function matchesTemplate(template: string, path: string): boolean {
  const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')
  return new RegExp(`^${source}/?$`).test(path)
}
