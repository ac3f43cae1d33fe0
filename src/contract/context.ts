/**
 * What every scenario shares during a run: the spec, the HTTP client, the seeded generator, the
 * credentials, the pool of real values learnt from responses (through the spec's links), and the
 * exchanges recorded so far.
 */
import { authFor, type AppliedAuth, type Credentials } from './credentials.ts'
import type { Exchange, ExchangeKind } from './exchange.ts'
import type { HttpClient } from './http-client.ts'
import { buildRequest } from './request-builder.ts'
import { evaluate } from './runtime-expression.ts'
import type { Schema, Spec, SpecOperation } from './spec.ts'
import { schemaErrors } from './validator.ts'
import type { Generator } from './values/generate.ts'
import type { RequestParts } from './values/mutate.ts'

export interface Recorded {
  exchange: Exchange
  secrets: AppliedAuth['secrets']
}

const isForm = (mediaType?: string) => mediaType === 'multipart/form-data' || mediaType === 'application/x-www-form-urlencoded'

const parameterSchemas = new WeakMap<SpecOperation, Record<'path' | 'query', Schema>>()

/**
 * An operation's path or query parameters as one object schema. Built once per operation: the
 * validator caches compiled schemas by identity, and every probe of the operation checks them.
 */
export function parameterSchema(operation: SpecOperation, location: 'path' | 'query'): Schema {
  let schemas = parameterSchemas.get(operation)
  if (!schemas) {
    const build = (where: 'path' | 'query') => {
      const parameters = operation.parameters.filter((p) => p.in === where)
      return {
        type: 'object',
        properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema ?? {}])),
        required: parameters.filter((p) => p.required).map((p) => p.name),
      }
    }
    schemas = { path: build('path'), query: build('query') }
    parameterSchemas.set(operation, schemas)
  }
  return schemas[location]
}

/** The body media type the suite sends: JSON if documented, else the first one. */
export function bodyMedia(operation: SpecOperation) {
  const content = operation.requestBody?.content ?? {}
  const type = Object.keys(content).find((t) => /json/.test(t)) ?? Object.keys(content)[0]
  return type ? { type, media: content[type]! } : undefined
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** `patch` laid over `base`, object by object. */
function merge(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch)) return patch
  return Object.fromEntries([...Object.keys(base), ...Object.keys(patch)].map((key) => [key, key in patch ? merge(base[key], patch[key]) : base[key]]))
}

export class RunContext {
  readonly recorded: Recorded[] = []
  readonly warnings: string[] = []
  /** Real values by `operationId.parameter`, learnt from links in responses. */
  readonly #pool = new Map<string, unknown>()
  /** The same values by parameter name alone, for operations no link names (a nested create). */
  readonly #byName = new Map<string, unknown>()

  constructor(
    readonly spec: Spec,
    readonly client: HttpClient,
    readonly generator: Generator,
    readonly credentials: Credentials,
    readonly readOnly: boolean,
    readonly progress: (message: string) => void = () => {},
  ) {}

  auth(operation: SpecOperation, credentials = this.credentials): AppliedAuth | undefined {
    return authFor(operation, this.spec.securitySchemes, credentials)
  }

  remember(operationId: string, parameter: string, value: unknown) {
    if (value === undefined || value === null) return
    this.#pool.set(`${operationId}.${parameter}`, value)
    if (!this.#byName.has(parameter)) this.#byName.set(parameter, value)
  }

  recall(operationId: string, parameter: string, byName = false): unknown {
    return this.#pool.get(`${operationId}.${parameter}`) ?? (byName ? this.#byName.get(parameter) : undefined)
  }

  /** Values for another operation's parameters, from the links the spec declares on this response. */
  harvest(exchange: Exchange, parts: RequestParts) {
    const links = exchange.operation.responses[String(exchange.response.status)]?.links ?? {}
    for (const link of Object.values(links)) {
      if (!link.operationId) continue
      for (const [parameter, expression] of Object.entries(link.parameters ?? {})) {
        const value = evaluate(expression, {
          request: { path: parts.path, query: parts.query, body: parts.body },
          response: { body: exchange.response.json, headers: exchange.response.headers },
        })
        this.remember(link.operationId, parameter.replace(/^(path|query|header)\./, ''), value)
      }
    }
  }

  /**
   * A request the spec calls valid: required path parameters from the pool (`byName`: also values
   * learnt for a parameter of that name elsewhere) or, unless `poolOnly`, their examples; query parameters from examples/defaults when required, the body
   * from the documented example (x-unique fields renewed) or generated. Undefined when no valid
   * request can be built.
   */
  validParts(
    operation: SpecOperation,
    options: { poolOnly?: boolean; byName?: boolean; generatedBody?: boolean; overrides?: Record<string, unknown> } = {},
  ): RequestParts | undefined {
    const parts: RequestParts = { path: {}, query: {} }
    for (const parameter of operation.parameters) {
      if (parameter.in !== 'path' && parameter.in !== 'query') continue
      const pooled = options.overrides?.[parameter.name] ?? this.recall(operation.id, parameter.name, options.byName)
      if (pooled !== undefined) parts[parameter.in][parameter.name] = pooled
      else if (parameter.in === 'path' && options.poolOnly) return undefined
      else if (parameter.required) parts[parameter.in][parameter.name] = parameter.example ?? this.generator.value(parameter.schema ?? {})
    }
    const body = bodyMedia(operation)
    if (body) {
      parts.mediaType = body.type
      let value = this.generator.body(body.media, { generated: options.generatedBody })
      if (body.media.schema && schemaErrors(body.media.schema, value, { text: isForm(body.type) }).length > 0) {
        value = this.generator.body(body.media, { generated: true })
      }
      if (options.overrides && value && typeof value === 'object') {
        // A link may name a body field (an id sent in a form, `data.id` in a JSON:API body): it
        // fills that field, merging into nested objects.
        const properties = this.generator.flatten(body.media.schema ?? {}).properties ?? {}
        for (const [name, v] of Object.entries(options.overrides)) if (name in properties) (value as Record<string, unknown>)[name] = merge((value as Record<string, unknown>)[name], v)
      }
      parts.body = value
    }
    return this.isValid(operation, parts) ? parts : undefined
  }

  isValid(operation: SpecOperation, parts: RequestParts): boolean {
    if (parts.rawBody !== undefined) return false
    if (schemaErrors(parameterSchema(operation, 'path'), parts.path, { text: true }).length > 0) return false
    if (schemaErrors(parameterSchema(operation, 'query'), parts.query, { text: true }).length > 0) return false
    const body = parts.mediaType ? operation.requestBody?.content[parts.mediaType] : undefined
    if (operation.requestBody?.required && parts.body === undefined) return false
    if (body?.schema && parts.body !== undefined && schemaErrors(body.schema, parts.body, { text: isForm(parts.mediaType) }).length > 0) return false
    return true
  }

  async send(operation: SpecOperation, kind: ExchangeKind, description: string, parts: RequestParts, auth = this.auth(operation)): Promise<Exchange> {
    const request = buildRequest(this.client, operation, parts, auth)
    const response = await this.client.send(request)
    const exchange: Exchange = { operation, kind, description, request, response }
    this.recorded.push({ exchange, secrets: auth?.secrets ?? [] })
    return exchange
  }
}
