/**
 * The behaviour stage: the one step of the request pipeline (src/core/api-handlers.ts) that adds
 * latency, faults and vendor rate limits. It holds the live settings (from the config, changed
 * at run time by `mock.behave()` or `PUT /__mockdesk/behaviour`), and gives each operation a
 * stage function that wraps the rest of the pipeline. With no settings and no `Prefer` header a
 * request costs one header lookup here, nothing more.
 */
import type { ApiDefinition } from '../define-api.ts'
import { KitError, kitErrorFrom } from '../kit-error.ts'
import type { Operation } from '../openapi-document.ts'
import { documentedResponse } from '../prefer.ts'
import type { BehaviourSettings, FaultKind } from './behaviour-settings.ts'
import { isActive, planFor, type OperationPlan } from './behaviour-plan.ts'
import { connectionFault, malformedResponse, truncatedResponse } from './faults.ts'
import { pickDelay, sleep } from './latency.ts'
import { preferDirectives } from './prefer-directives.ts'
import { RateLimiter, type RateLimitPolicy, type RateLimitState } from './rate-limit.ts'
import { seededRandom } from './seeded-random.ts'

/** What the stage did to one answer, for the request log. */
export interface BehaviourNote {
  delay?: number
  fault?: FaultKind
  rateLimited?: boolean
}

const noteMark = Symbol.for('mockdesk.behaviour-note')

export function behaviourNoteOf(response: Response): BehaviourNote | undefined {
  return (response as { [noteMark]?: BehaviourNote })[noteMark]
}

function noted(response: Response, note: BehaviourNote): Response {
  if (note.delay || note.fault || note.rateLimited) (response as { [noteMark]?: BehaviourNote })[noteMark] = note
  return response
}

/** The rest of the pipeline for one operation, and the same with the stage in front of it. */
export type Resolver<Rest extends unknown[]> = (request: Request, ...rest: Rest) => Promise<Response>

export interface Behaviour {
  /** The settings in force (a copy). */
  readonly settings: BehaviourSettings
  /**
   * Whether the settings add anything (latency, faults, rate limits). When not, a request without
   * a `Prefer` header passes the stage untouched, so its answer is the rest of the pipeline's.
   */
  readonly active: boolean
  /**
   * Replaces the settings (nothing is merged), restarting the seeded choices and the rate-limit
   * windows. Throws a kit error, and keeps the old settings, when they do not make sense.
   */
  set(settings: BehaviourSettings): void
  /** Restarts the seeded choices and the rate-limit windows (a reset of the mock does). */
  restart(): void
  /** Puts the stage in front of one operation's resolver (the rest of the pipeline). */
  stage<Rest extends unknown[]>(api: ApiDefinition, operation: Operation, next: Resolver<Rest>): Resolver<Rest>
}

export interface BehaviourOptions {
  /** The seed of the choices when the settings name none: the data's seed. */
  seed: () => number
  /** The mounted APIs, to check that the settings name only those and their operations. */
  apis: readonly ApiDefinition[]
  /**
   * Checks the settings' shape first (unknown keys, wrong types), with the config's JSON Schema;
   * given by the runtime entries, since core code does not load the config's schema itself.
   */
  validate?: (settings: unknown) => BehaviourSettings
}

export function createBehaviour(initial: BehaviourSettings, options: BehaviourOptions): Behaviour {
  let settings: BehaviourSettings = {}
  let active = false
  let generation = 0
  const limiter = new RateLimiter()

  const check = (next: BehaviourSettings) => {
    for (const [id, api] of Object.entries(next.apis ?? {})) {
      const definition = options.apis.find((mounted) => mounted.id === id)
      if (!definition) {
        throw new KitError('MOCKDESK_BAD_BEHAVIOUR', `apis.${id}: "${id}" is not a mounted API.`, `Name one of the mounted APIs: ${options.apis.map((a) => a.id).join(', ')}.`)
      }
      const operationIds = Object.values(definition.document.paths).flatMap((item) => Object.values(item).map((op) => (op as { operationId?: string })?.operationId).filter(Boolean))
      for (const operationId of Object.keys(api.operations ?? {})) {
        if (!operationIds.includes(operationId)) {
          throw new KitError('MOCKDESK_BAD_BEHAVIOUR', `apis.${id}.operations.${operationId}: specs/${id}.yaml has no operation "${operationId}".`, `Use an operationId of ${id}: ${operationIds.join(', ')}.`)
        }
      }
    }
    // Building every plan once surfaces a bad latency or rate now, not on some later request.
    for (const api of options.apis) {
      for (const item of Object.values(api.document.paths)) {
        for (const op of Object.values(item)) {
          const operationId = (op as { operationId?: string })?.operationId
          if (operationId) planFor(next, { apiId: api.id, operationId, rateLimit: api.rateLimit })
        }
      }
    }
  }

  const behaviour: Behaviour = {
    get settings() {
      return structuredClone(settings)
    },
    get active() {
      return active
    },
    set(next) {
      if (options.validate) next = options.validate(next)
      check(next)
      settings = structuredClone(next)
      active = isActive(settings)
      behaviour.restart()
    },
    restart() {
      generation++
      limiter.clear()
    },
    stage<Rest extends unknown[]>(api: ApiDefinition, operation: Operation, next: Resolver<Rest>): Resolver<Rest> {
      let seenGeneration = -1
      let plan: OperationPlan
      let random: () => number
      let burstLeft = 0
      let burstStatus = 0
      // Server errors first: a bare `Prefer: fault=error` plays an outage, not a rate limit.
      const errorStatuses = Object.keys(operation.definition.responses).map(Number).filter((status) => status >= 500 || status === 429).sort((a, b) => b - a)

      const apply = async (request: Request, rest: Rest, prefer: string | null): Promise<Response> => {
        if (seenGeneration !== generation) {
          seenGeneration = generation
          // Only an operation that documents a 429 can answer one.
          plan = planFor(settings, { apiId: api.id, operationId: operation.id, rateLimit: errorStatuses.includes(429) ? api.rateLimit : undefined })
          random = seededRandom(settings.seed ?? options.seed(), `${api.id} ${operation.id}`)
          burstLeft = 0
        }
        const directives = prefer === null ? {} : preferDirectives(prefer)
        // Two draws per request whatever happens, so the sequence replays request for request.
        const faultRoll = active ? random() : 1
        const latencyRoll = active ? random() : 0

        let limit: { state: RateLimitState; policy: RateLimitPolicy } | undefined
        if (plan.rateLimit) {
          const { policy, override } = plan.rateLimit
          const key = policy.key(request)
          const state = limiter.hit(`${api.id}\n${key}`, override.limit ?? policy.limit(key), override.window ?? policy.windowSeconds)
          if (state.limited) return noted(withHeaders(tooManyRequests(operation, policy, state), policy.headers(state)), { rateLimited: true })
          limit = { state, policy }
        }

        let fault = directives.fault
        if (fault === undefined && burstLeft > 0) {
          burstLeft--
          fault = 'error'
        } else if (fault === undefined) {
          fault = plan.faults.find((candidate) => faultRoll < candidate.upTo)?.kind
          if (fault === 'error') {
            if (errorStatuses.length === 0) fault = undefined
            else {
              burstLeft = plan.burst - 1
              burstStatus = errorStatuses[Math.floor(latencyRoll * errorStatuses.length)]!
            }
          }
        } else if (fault === 'error') {
          if (errorStatuses.length === 0) {
            throw new KitError('MOCKDESK_UNDOCUMENTED_STATUS', `${operation.method.toUpperCase()} ${operation.path} (${operation.id}) documents no 5xx or 429 answer to fail with.`, 'Ask for another fault (reset, empty, truncated, malformed, hang).')
          }
          burstStatus = errorStatuses[0]!
        }

        if (fault === 'hang') {
          const hangMs = directives.delay ?? plan.hangMs
          await sleep(hangMs)
          return noted(connectionFault('hang'), { fault, delay: hangMs })
        }
        const delay = directives.delay ?? (plan.latency ? pickDelay(plan.latency, () => latencyRoll) : 0)
        if (delay > 0) await sleep(delay)
        if (fault === 'reset' || fault === 'empty') return noted(connectionFault(fault), { fault, delay })

        let response = fault === 'error' ? documentedResponse(operation, burstStatus) : await next(request, ...rest)
        if (fault === 'truncated') response = await truncatedResponse(response)
        else if (fault === 'malformed') response = await malformedResponse(response)
        if (limit && fault !== 'truncated') withHeaders(response, limit.policy.headers(limit.state))
        return noted(response, { fault, delay })
      }

      return (request, ...rest) => {
        const prefer = request.headers.get('prefer')
        if (!active && prefer === null) return next(request, ...rest)
        return apply(request, rest, prefer).catch((error) => kitErrorFrom(error).toResponse())
      }
    },
  }
  behaviour.set(initial)
  return behaviour
}

/** The operation's documented 429, with the vendor's body for this state when it has one. */
function tooManyRequests(operation: Operation, policy: RateLimitPolicy, state: RateLimitState): Response {
  const documented = documentedResponse(operation, 429)
  if (!policy.body) return documented
  return new Response(JSON.stringify(policy.body(state)), { status: 429, headers: documented.headers })
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value)
  return response
}
