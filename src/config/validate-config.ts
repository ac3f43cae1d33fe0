/**
 * Validates a config against its published JSON Schema (ajv), so a bad config is refused at start
 * with each bad value's path and why: `apis.toptickets.lantency: unknown key (did you mean
 * "latency"?)`. Meaning the schema cannot check (a latency range upside down, fault rates over
 * 100%) is checked when the behaviour is built, with the same kind of message.
 */
import type { ErrorObject } from 'ajv/dist/2020.js'
import { KitError } from '../core/kit-error.ts'
import { validateConfigDocument } from '../generated/config-validator.ts'
import { closest } from './closest-name.ts'
import publishedSchema from './mockdesk.config.schema.json'
import type { BehaviourSettings } from '../core/behaviour/behaviour-settings.ts'
import type { MockdeskConfig } from './mockdesk-config.ts'

/**
 * The published schema, written from the specs by `npm run generate` (a test keeps it current).
 * Read from the file rather than built from the API registry, so that the browser entry, which
 * loads each API only when mounted, does not load them all to check a config.
 */
export function currentConfigSchema(): object {
  return publishedSchema
}

/** The config, typed, or a MOCKDESK_BAD_CONFIG kit error listing every problem. `source` names it in messages. */
export function validateConfig(value: unknown, source = 'the config'): MockdeskConfig {
  // The published schema's validator, compiled by `npm run generate` (src/codegen/precompile-validators.ts).
  const validate = validateConfigDocument
  if (validate(value)) return value as MockdeskConfig
  throw invalid('MOCKDESK_BAD_CONFIG', `${source} is not a valid mockdesk config`, describeErrors(validate.errors ?? []))
}

const behaviourKeys = ['latency', 'faults', 'rateLimits', 'apis', 'seed']

/**
 * Behaviour settings (for `mock.behave()` and `PUT /__mockdesk/behaviour`): the behaviour keys
 * of the config (`apis` by id only), checked by the same schema.
 */
export function validateBehaviour(value: unknown, source = 'the behaviour'): BehaviourSettings {
  // No settings, the common case at start: nothing to check, and no schema to compile.
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return value as BehaviourSettings
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid('MOCKDESK_BAD_BEHAVIOUR', `${source} is not valid`, [`(top level): ${JSON.stringify(value)} must be an object such as { "latency": "200-800" }`])
  }
  const problems = Object.keys(value)
    .filter((key) => !behaviourKeys.includes(key))
    .map((key) => {
      const guess = closest(key, behaviourKeys)
      return `${key}: unknown key${guess ? ` (did you mean "${guess}"?)` : ''}; known here: ${behaviourKeys.join(', ')}`
    })
  if (Array.isArray((value as { apis?: unknown }).apis)) problems.push('apis: must be an object by API id, e.g. { "toptickets": { "latency": 200 } }')
  const validate = validateConfigDocument
  if (!validate(value)) problems.push(...describeErrors(validate.errors ?? []).filter((problem) => !problems.some((p) => p.startsWith(problem.split(':')[0]!))))
  if (problems.length > 0) throw invalid('MOCKDESK_BAD_BEHAVIOUR', `${source} is not valid`, problems)
  return value as BehaviourSettings
}

function invalid(code: 'MOCKDESK_BAD_CONFIG' | 'MOCKDESK_BAD_BEHAVIOUR', what: string, problems: string[]): KitError {
  return new KitError(
    code,
    `${what}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    'Fix the values named above; the schema (src/config/mockdesk.config.schema.json) lists every key, and editors complete them when the file has a "$schema".',
    { problems },
  )
}

/** `/apis/toptickets/latency` → `apis.toptickets.latency`. */
const dotted = (pointer: string, key?: string) =>
  [...pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~')), ...(key === undefined ? [] : [key])].join('.') || '(top level)'

function describeErrors(errors: ErrorObject[]): string[] {
  const problems: string[] = []
  // anyOf branches: report the errors inside the branch that got furthest, else what the value may be.
  const anyOfs = errors.filter((error) => error.keyword === 'anyOf')
  // An error belongs to an anyOf when it comes from one of its branches, or from a value deeper
  // inside (shared definitions are referenced, so their schema paths start elsewhere).
  const inside = (error: ErrorObject, anyOf: ErrorObject) =>
    error !== anyOf && (error.schemaPath.startsWith(`${anyOf.schemaPath}/`) || error.instancePath.startsWith(`${anyOf.instancePath}/`))
  const hidden = new Set<ErrorObject>()
  for (const anyOf of anyOfs) {
    const branch = errors.filter((error) => inside(error, anyOf))
    const deeper = branch.filter((error) => error.instancePath.length > anyOf.instancePath.length || error.keyword === 'additionalProperties' || error.keyword === 'propertyNames')
    for (const error of branch) if (!deeper.includes(error)) hidden.add(error)
    if (deeper.length > 0) hidden.add(anyOf)
  }
  for (const error of errors) {
    if (hidden.has(error)) continue
    const at = dotted(error.instancePath)
    switch (error.keyword) {
      case 'additionalProperties': {
        const key = String(error.params.additionalProperty)
        const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {})
        const guess = closest(key, known)
        problems.push(`${dotted(error.instancePath, key)}: unknown key${guess ? ` (did you mean "${guess}"?)` : ''}; known here: ${known.join(', ')}`)
        break
      }
      case 'propertyNames': {
        const name = String(error.params.propertyName)
        const allowed = ((error.schema as { enum?: string[] }).enum ?? []) as string[]
        const guess = closest(name, allowed)
        problems.push(`${dotted(error.instancePath, name)}: unknown name${guess ? ` (did you mean "${guess}"?)` : ''}; known here: ${allowed.join(', ')}`)
        break
      }
      case 'enum':
        if (error.propertyName !== undefined) break // reported by its propertyNames error
        problems.push(`${at}: ${JSON.stringify(error.data)} is not one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`)
        break
      case 'anyOf':
        problems.push(`${at}: ${JSON.stringify(error.data)} is not valid here. ${(error.parentSchema as { description?: string }).description ?? error.message}`)
        break
      default:
        problems.push(`${at}: ${JSON.stringify(error.data)} ${error.message}`)
    }
  }
  return [...new Set(problems)]
}
