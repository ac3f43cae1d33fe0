/**
 * What every scenario shares during a run: the spec, the HTTP client, the seeded generator, the
 * credentials, the pool of real values learnt from responses (through the spec's links), and the
 * exchanges recorded so far.
 */
import { checks, type CheckName } from './checks/index.ts'
import { authFor, requiresAuth, type AppliedAuth, type Credentials } from './credentials.ts'
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

export type ParameterLocation = 'path' | 'query' | 'header'

const parameterSchemas = new WeakMap<SpecOperation, Record<ParameterLocation, Schema>>()

/**
 * An operation's path, query or header parameters as one object schema. Built once per operation:
 * the validator caches compiled schemas by identity, and every probe of the operation checks them.
 */
export function parameterSchema(operation: SpecOperation, location: ParameterLocation): Schema {
  let schemas = parameterSchemas.get(operation)
  if (!schemas) {
    const build = (where: ParameterLocation) => {
      const parameters = operation.parameters.filter((p) => p.in === where)
      return {
        type: 'object',
        properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema ?? {}])),
        required: parameters.filter((p) => p.required).map((p) => p.name),
      }
    }
    schemas = { path: build('path'), query: build('query'), header: build('header') }
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
export function merge(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch)) return patch
  return Object.fromEntries([...Object.keys(base), ...Object.keys(patch)].map((key) => [key, key in patch ? merge(base[key], patch[key]) : base[key]]))
}

export interface RunSettings {
  readOnly: boolean
  progress?: (message: string) => void
  /** The operations whose pairs this run judges (a shard); every one when absent. */
  owned?: ReadonlySet<string>
  /** The checks this run applies; the generative phase judges its examples with them as it goes. */
  checks?: readonly CheckName[]
}

export class RunContext {
  readonly recorded: Recorded[] = []
  readonly warnings: string[] = []
  /** Operations that need credentials the run was not given: only their refusals are probed. */
  readonly unauthorised = new Set<string>()
  readonly readOnly: boolean
  readonly progress: (message: string) => void
  /** Real values by `operationId.parameter`, learnt from links in responses. */
  readonly #pool = new Map<string, unknown>()
  /** The same values by parameter name alone, for operations no link names (a nested create). */
  readonly #byName = new Map<string, unknown>()

  constructor(
    readonly spec: Spec,
    readonly client: HttpClient,
    readonly generator: Generator,
    readonly credentials: Credentials,
    readonly settings: RunSettings,
  ) {
    this.readOnly = settings.readOnly
    this.progress = settings.progress ?? (() => {})
  }

  /** Whether this run (or shard) judges the operation, and so sends its own probes. */
  owns(operation: SpecOperation): boolean {
    return this.settings.owned?.has(operation.id) ?? true
  }

  /** Whether the run's credentials let it call the operation at all. */
  callable(operation: SpecOperation): boolean {
    if (!requiresAuth(operation) || this.auth(operation)) return true
    this.unauthorised.add(operation.id)
    return false
  }

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
    options: { poolOnly?: boolean; byName?: boolean; generatedBody?: boolean; overrides?: Record<string, unknown>; anyAuth?: boolean } = {},
  ): RequestParts | undefined {
    // Without credentials that fit, a valid request would only be refused: nothing to judge.
    if (!options.anyAuth && !this.callable(operation)) return undefined
    const parts: RequestParts = { path: {}, query: {} }
    for (const parameter of operation.parameters) {
      if (parameter.in === 'cookie') continue
      const values = parameter.in === 'header' ? (parts.header ??= {}) : parts[parameter.in]
      const pooled = options.overrides?.[parameter.name] ?? this.recall(operation.id, parameter.name, options.byName)
      if (pooled !== undefined) values[parameter.name] = pooled
      else if (parameter.in === 'path' && options.poolOnly) return undefined
      else if (parameter.required) values[parameter.name] = parameter.example ?? this.generator.value(parameter.schema ?? {})
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

  /**
   * The fields that name the record an operation acts on: its path parameters, and whatever the
   * spec's links fill in for it (a `customer_id` form field, `data.id` in a body).
   */
  targets(operation: SpecOperation): Set<string> {
    const names = new Set(operation.parameters.filter((p) => p.in === 'path').map((p) => p.name))
    for (const other of this.spec.operations) {
      for (const response of Object.values(other.responses)) {
        for (const link of Object.values(response.links ?? {})) {
          if (link.operationId !== operation.id) continue
          for (const name of Object.keys(link.parameters ?? {})) names.add(name.replace(/^(path|query|header)\./, ''))
          const body = link.requestBody
          if (body && typeof body === 'object') {
            for (const [name, value] of Object.entries(body)) if (typeof value === 'string' && value.includes('$')) names.add(name)
          }
        }
      }
    }
    return names
  }

  /**
   * Valid parts that aim at no existing record: every target field gets a well-formed value no
   * record can have. Probes that could change data send these unless the suite made the record.
   */
  absentParts(operation: SpecOperation, options: { anyAuth?: boolean } = {}): RequestParts | undefined {
    const parts = this.validParts(operation, options)
    if (!parts) return undefined
    const targets = this.targets(operation)
    const bodySchema = bodyMedia(operation)?.media.schema
    const bodyProperties = bodySchema ? (this.generator.flatten(bodySchema).properties ?? {}) : {}
    const aimed: RequestParts = { ...parts, path: { ...parts.path }, query: { ...parts.query } }
    for (const name of targets) {
      const parameter = operation.parameters.find((p) => p.name === name && (p.in === 'path' || p.in === 'query'))
      if (parameter) aimed[parameter.in as 'path' | 'query'][name] = this.generator.absent(parameter.schema ?? {})
      else if (name in bodyProperties && aimed.body && typeof aimed.body === 'object' && !Array.isArray(aimed.body)) {
        const value = this.generator.absent(bodyProperties[name])
        aimed.body = { ...(aimed.body as object), [name]: isForm(parts.mediaType) ? String(value) : value }
      }
    }
    return this.isValid(operation, aimed) ? aimed : undefined
  }

  isValid(operation: SpecOperation, parts: RequestParts): boolean {
    if (parts.rawBody !== undefined) return false
    if (schemaErrors(parameterSchema(operation, 'path'), parts.path, { text: true }).length > 0) return false
    if (schemaErrors(parameterSchema(operation, 'query'), parts.query, { text: true }).length > 0) return false
    if (schemaErrors(parameterSchema(operation, 'header'), parts.header ?? {}, { text: true }).length > 0) return false
    const body = parts.mediaType ? operation.requestBody?.content[parts.mediaType] : undefined
    if (operation.requestBody?.required && parts.body === undefined) return false
    if (body?.schema && parts.body !== undefined && schemaErrors(body.schema, parts.body, { text: isForm(parts.mediaType) }).length > 0) return false
    return true
  }

  /** Sends a request and records the exchange, for the checks to judge when the run ends. */
  async send(operation: SpecOperation, kind: ExchangeKind, description: string, parts: RequestParts, auth = this.auth(operation)): Promise<Exchange> {
    const exchange = await this.attempt(operation, kind, description, parts, auth)
    this.record(exchange)
    return exchange
  }

  /**
   * Sends a request without recording it: the generative phase judges its examples as it goes
   * and records only the ones it reports (see `failures`).
   */
  async attempt(operation: SpecOperation, kind: ExchangeKind, description: string, parts: RequestParts, auth = this.auth(operation)): Promise<Exchange> {
    const request = buildRequest(this.client, operation, parts, auth)
    const response = await this.client.send(request)
    return { operation, kind, description, request, response, secrets: auth?.secrets ?? [] }
  }

  record(exchange: Exchange) {
    this.recorded.push({ exchange, secrets: exchange.secrets ?? [] })
  }

  /** The names of the run's checks that fail on this exchange (only for operations this run judges). */
  failing(exchange: Exchange): CheckName[] {
    if (!this.owns(exchange.operation)) return []
    return (this.settings.checks ?? []).filter((name) => (checks[name](exchange, this.spec) ?? []).length > 0)
  }
}
