/**
 * Settings resolved for one operation: the latency range, the fault rates and the rate limit
 * that apply to it, after the operation → API → global precedence. Built once per settings
 * change, so a request only reads it.
 */
import { KitError } from '../kit-error.ts'
import type { BehaviourSettings, FaultKind, FaultSettings, RateLimitOverride } from './behaviour-settings.ts'
import { parseLatency, type LatencyRange } from './latency.ts'
import { parseRate } from './rate.ts'
import type { RateLimitPolicy } from './rate-limit.ts'

export const defaultHangMs = 30_000

export interface OperationPlan {
  latency?: LatencyRange
  /** Cumulative thresholds: a roll below `upTo` picks `kind`. */
  faults: Array<{ kind: FaultKind; upTo: number }>
  burst: number
  hangMs: number
  rateLimit?: { policy: RateLimitPolicy; override: RateLimitOverride }
}

export interface PlanTarget {
  apiId: string
  operationId: string
  rateLimit?: RateLimitPolicy
}

export function planFor(settings: BehaviourSettings, target: PlanTarget): OperationPlan {
  const api = settings.apis?.[target.apiId]
  const operation = api?.operations?.[target.operationId]
  const where = operation ? `apis.${target.apiId}.operations.${target.operationId}` : api ? `apis.${target.apiId}` : ''
  const at = (name: string) => (where ? `${where}.${name}` : name)

  const latencySetting = operation?.latency ?? api?.latency ?? settings.latency
  const faultSettings: FaultSettings | undefined = operation?.faults ?? api?.faults ?? settings.faults
  const faults: OperationPlan['faults'] = []
  let total = 0
  let burst = 1
  for (const [kind, value] of Object.entries(faultSettings ?? {})) {
    if (kind === 'hangMs' || value === undefined) continue
    const rate = typeof value === 'object' ? value.rate : value
    if (typeof value === 'object' && value.burst !== undefined) burst = value.burst
    total += parseRate(rate as never, at(`faults.${kind}`))
    faults.push({ kind: kind as FaultKind, upTo: total })
  }
  if (total > 1) {
    throw new KitError('MOCKDESK_BAD_BEHAVIOUR', `${at('faults')} add up to ${Math.round(total * 100)}% of requests, more than all of them.`, 'Lower the fault rates so that they add up to 100% at most.')
  }
  const rateSetting = api?.rateLimits ?? settings.rateLimits ?? false
  return {
    latency: latencySetting === undefined ? undefined : parseLatency(latencySetting, at('latency')),
    faults,
    burst,
    hangMs: faultSettings?.hangMs ?? defaultHangMs,
    rateLimit: rateSetting !== false && target.rateLimit ? { policy: target.rateLimit, override: rateSetting === true ? {} : rateSetting } : undefined,
  }
}

/** Whether the settings ask for anything at all: when not, the stage costs one header lookup. */
export function isActive(settings: BehaviourSettings): boolean {
  const some = (level: { latency?: unknown; faults?: unknown; rateLimits?: unknown } | undefined) =>
    !!level && (level.latency !== undefined || level.faults !== undefined || (level.rateLimits !== undefined && level.rateLimits !== false))
  return some(settings) || Object.values(settings.apis ?? {}).some((api) => some(api) || Object.values(api.operations ?? {}).some(some))
}
