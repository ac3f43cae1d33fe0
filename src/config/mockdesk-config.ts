/**
 * `mockdesk.config.json` as a type, and what each runtime takes from it: the APIs to mount, the
 * data's seed and count, the behaviour settings, and (for the server) logging.
 */
import type { ApiId } from '../apis/select-apis.ts'
import type { ApiBehaviour, BehaviourSettings, FaultSettings, LatencySetting, RateLimitSetting } from '../core/behaviour/behaviour-settings.ts'

export interface LoggingConfig {
  /** One line per request: `text` for people (default), `json` for machines. */
  format?: 'text' | 'json'
  /** No request lines. */
  quiet?: boolean
}

export interface MockdeskConfig {
  $schema?: string
  /** The APIs to mount (default: all): a list of ids, or an object by id with per-API behaviour. */
  apis?: readonly ApiId[] | Partial<Record<ApiId, ApiBehaviour>>
  seed?: number
  count?: number
  latency?: LatencySetting
  faults?: FaultSettings
  rateLimits?: RateLimitSetting
  logging?: LoggingConfig
  maxBodyBytes?: number
  /** Sessions and their worlds: read by the session registry (see the README). */
  sessions?: Record<string, unknown>
}

export interface ResolvedConfig {
  apis?: ApiId[]
  seed?: number
  count?: number
  maxBodyBytes?: number
  behaviour: BehaviourSettings
  logging: LoggingConfig
}

/** A validated config as the options every runtime understands. */
export function resolveConfig(config: MockdeskConfig): ResolvedConfig {
  const perApi = config.apis && !Array.isArray(config.apis) ? (config.apis as Record<string, ApiBehaviour>) : undefined
  const behaviour: BehaviourSettings = {}
  if (config.latency !== undefined) behaviour.latency = config.latency
  if (config.faults !== undefined) behaviour.faults = config.faults
  if (config.rateLimits !== undefined) behaviour.rateLimits = config.rateLimits
  if (perApi) {
    const configured = Object.entries(perApi).filter(([, api]) => Object.keys(api).length > 0)
    if (configured.length > 0) behaviour.apis = Object.fromEntries(configured)
  }
  return {
    apis: config.apis === undefined ? undefined : ((Array.isArray(config.apis) ? [...config.apis] : Object.keys(config.apis)) as ApiId[]),
    seed: config.seed,
    count: config.count,
    maxBodyBytes: config.maxBodyBytes,
    behaviour,
    logging: config.logging ?? {},
  }
}
