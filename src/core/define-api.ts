/**
 * The contract every `src/apis/<id>/` folder fulfils: one `defineApi({...})` call that names the
 * spec, how to build and seed the store, how auth works, how the vendor words its errors, and one
 * handler per operation of the spec. The route table is typed by the generated `paths`, so an
 * operation without a handler, or a handler for a path the spec does not have, fails to compile.
 */
import type { HttpMethod, OpenApiDocument, Operation } from './openapi-document.ts'
import type { RateLimitPolicy } from './behaviour/rate-limit.ts'
import type { RequestIssue } from './request-issue.ts'
import type {
  HeaderParams,
  MethodsOf,
  PathParams,
  QueryParams,
  RequestBody,
  ResponseBody,
  ResponseStatus,
} from './typed-operation.ts'

export interface StoreOptions {
  seed: number
  /** How many primary records to seed (the API documents its default). */
  count?: number
}

/** Everything a handler sees: the request, validated and typed, plus the live store. */
export interface RouteContext<Op, Store, Principal> {
  request: Request
  url: URL
  /** The absolute base URL this request came through, e.g. `http://127.0.0.1:4010/toptickets/v1`. */
  baseUrl: string
  store: Store
  operation: Operation
  principal: Principal
  params: PathParams<Op>
  query: QueryParams<Op>
  headers: HeaderParams<Op>
  body: RequestBody<Op>
  /** A JSON response with a documented status and body. */
  json<S extends ResponseStatus<Op>>(status: S, body: ResponseBody<Op, S>, init?: ResponseInit): Response
  /** A response without a body, e.g. 204. */
  empty<S extends ResponseStatus<Op>>(status: S, init?: ResponseInit): Response
}

export type RouteHandler<Op, Store, Principal> = (
  context: RouteContext<Op, Store, Principal>,
) => Response | Promise<Response>

/** One handler per operation of the spec, keyed like the spec: path, then method. */
export type RouteTable<Paths, Store, Principal> = {
  [P in keyof Paths & string]: {
    [M in MethodsOf<Paths[P]>]: RouteHandler<Paths[P][M & keyof Paths[P]], Store, Principal>
  }
}

export interface PathBindingContext<Store> {
  /** The raw path parameters, as the URL gives them. */
  params: Record<string, string | readonly string[] | undefined>
  store: Store
  operation: Operation
}

export type AuthResult<Principal> = { ok: true; principal: Principal } | { ok: false; response: Response }

export interface ApiKeyInfo {
  key: string
  role: string
  description: string
}

export interface ApiDefinition<Paths = any, Store = any, Principal = any> {
  /** The id: spec file name, folder name, URL prefix of the server. */
  id: string
  document: OpenApiDocument
  /** Keys the mock accepts, listed in the README and the sandbox page. */
  keys: readonly ApiKeyInfo[]
  /** The default number of primary records `createStore` seeds. */
  defaultCount: number
  createStore(options: StoreOptions): Promise<Store>
  /** Decides who is calling and whether they may call this operation. */
  authenticate(request: Request, operation: Operation, url: URL): AuthResult<Principal>
  /** The vendor's error response for a request that fails validation. */
  invalidRequest(issues: RequestIssue[], operation: Operation): Response
  /**
   * Optional: looks up what the path names before the request is validated, for frameworks that
   * do so (Laravel's route model binding answers 404 for an unknown id even when the body is
   * invalid). Returns the vendor's response to stop there, or undefined to go on.
   */
  bindPath?(context: PathBindingContext<Store>): Response | undefined
  /**
   * Optional: rewrites a parsed request body before it is validated, as the vendor framework's
   * input middleware does (Laravel trims strings and turns empty ones into null).
   */
  prepareBody?(value: unknown, operation: Operation): unknown
  /**
   * Optional: the vendor's rate limit (per key, window, headers), applied when rate limits are
   * switched on. APIs whose docs give no 429 leave it out and are never limited.
   */
  rateLimit?: RateLimitPolicy
  /** Record counts per collection, for health checks and the sandbox page. */
  counts(store: Store): Record<string, number>
  routes: RouteTable<Paths, Store, Principal>
}

/** Declares an API; returns its definition unchanged, typed. */
export function defineApi<Paths, Store, Principal>(
  definition: ApiDefinition<Paths, Store, Principal>,
): ApiDefinition<Paths, Store, Principal> {
  return definition
}

export type { HttpMethod }
