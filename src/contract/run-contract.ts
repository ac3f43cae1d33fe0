/**
 * Runs the contract suite: checks the base URL answers (preflight), derives exchanges from the
 * spec (valid reads, auth probes, invalid input, lifecycles, pagination walks), sends them to the
 * base URL, and judges each with the checks. Reads everything from the spec; imports nothing
 * from the mock.
 */
import { checkNames, checks, type CheckName } from './checks/index.ts'
import { RunContext } from './context.ts'
import { coverageOf, type Coverage } from './coverage.ts'
import type { NamedCredentials } from './credentials-file.ts'
import { hasCredentials, requiresAuth, type Credentials } from './credentials.ts'
import { toCurl } from './curl.ts'
import type { Failure } from './failure.ts'
import { HttpClient } from './http-client.ts'
import { preflight } from './preflight.ts'
import { probeAuth } from './scenarios/auth.ts'
import { discover } from './scenarios/discovery.ts'
import { askDocumentedStatuses } from './scenarios/documented-statuses.ts'
import { generateExamples } from './scenarios/generated-examples.ts'
import { generateSequences } from './scenarios/generated-sequences.ts'
import { probeInvalidInput } from './scenarios/invalid-input.ts'
import { runLifecycles } from './scenarios/lifecycle.ts'
import { probeUnknownResources } from './scenarios/unknown-resource.ts'
import { probePermissions } from './scenarios/permissions.ts'
import { walkPages } from './scenarios/pagination.ts'
import { shardOf, type Shard } from './shard.ts'
import { label, loadSpec, type Spec } from './spec.ts'
import { createGenerator, newRunId } from './values/generate.ts'

export interface ContractOptions {
  /** An API id (`toptickets`) or the path of an OpenAPI file. */
  api: string
  /** The API's base URL, e.g. `http://127.0.0.1:4010/toptickets/v1` or the vendor's own. */
  baseUrl: string
  credentials?: Credentials
  /**
   * Further credentials, each with the scopes it holds: the permission checks prove each one is
   * refused where the spec's security requirements need a scope it lacks, and accepted elsewhere.
   */
  roles?: NamedCredentials[]
  /** Only these checks (default: all). */
  checks?: readonly CheckName[]
  excludeChecks?: readonly CheckName[]
  /** Seed for generated values; the same seed sends requests of the same shape. Default 1. */
  seed?: number
  /**
   * Makes unique values (e-mails, x-unique fields) differ from every other run, so records an
   * earlier run left behind never collide. Default: a new one per run; pass one to repeat a run exactly.
   */
  runId?: string
  /**
   * The generative phase: this many examples per read generated from its schemas, and this many
   * random create/read/update/delete sequences per create, each failure shrunk to the smallest
   * that still fails. 0 turns the phase off. Default 5.
   */
  examples?: number
  /** Send only GET/HEAD/OPTIONS requests. */
  readOnly?: boolean
  /** At most this many requests per second. */
  rate?: number
  /** Judge only this part of the operations (`{ index: 1, count: 3 }`): CI jobs split a run. */
  shard?: Shard
  /** The operations to judge, when the caller has sharded several APIs together. */
  operations?: readonly string[]
  /** Print credentials in repro curls as they are, instead of masked. */
  showSecrets?: boolean
  /** Check first that the base URL answers what the spec documents (default true). */
  preflight?: boolean
  /**
   * Headers sent with every request, e.g. `{ 'x-mockdesk-session': 'contract' }` to run against
   * a world of its own on a shared mockdesk server.
   */
  headers?: Record<string, string>
  /** Called with a line of progress now and then. */
  progress?: (message: string) => void
}

export interface CheckResultRow {
  operationId: string
  operation: string
  check: CheckName
  /** How many exchanges this check judged for this operation (0: not applicable). */
  judged: number
  failures: Failure[]
}

export interface ContractReport {
  api: string
  title: string
  baseUrl: string
  seed: number
  runId: string
  /** Examples per operation (and sequences per create) of the generative phase. */
  examples: number
  readOnly: boolean
  shard?: Shard
  startedAt: string
  durationMs: number
  requests: number
  checks: CheckName[]
  results: CheckResultRow[]
  failures: Failure[]
  warnings: string[]
  coverage: Coverage
  summary: { passed: number; failed: number; notRun: number }
}

/** The run as one object, once every exchange has been judged. */
function judge(options: ContractOptions, spec: Spec, context: RunContext, selected: CheckName[], started: number, requests: number): ContractReport {
  const owned = spec.operations.filter((operation) => context.owns(operation))
  const rows = new Map<string, CheckResultRow>()
  for (const operation of owned) {
    for (const check of selected) rows.set(`${operation.id}|${check}`, { operationId: operation.id, operation: label(operation), check, judged: 0, failures: [] })
  }
  for (const { exchange, secrets } of context.recorded) {
    if (!context.owns(exchange.operation)) continue
    for (const check of selected) {
      const result = checks[check](exchange, spec)
      if (result === undefined) continue
      const row = rows.get(`${exchange.operation.id}|${check}`)!
      row.judged++
      const shown = (more: typeof secrets) => (options.showSecrets ? [] : [...secrets, ...more])
      // A failing step of a generated sequence is reproduced by the whole sequence, one curl per step.
      const generated = exchange.generated
      const curl = [...(generated?.before ?? []), exchange.request].map((request) => toCurl(request, shown(generated?.secrets ?? []))).join('\n')
      const example = generated ? { example: generated.example } : {}
      for (const failure of result) row.failures.push({ ...failure, check, operation: row.operation, operationId: row.operationId, curl, ...example })
    }
  }
  const results = [...rows.values()]
  const failures = results.flatMap((row) => row.failures)
  return {
    api: options.api,
    title: spec.title,
    baseUrl: options.baseUrl,
    seed: options.seed ?? 1,
    runId: context.generator.runId,
    examples: options.examples ?? defaultExamples,
    readOnly: context.readOnly,
    ...(options.shard ? { shard: options.shard } : {}),
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    requests,
    checks: selected,
    results,
    failures,
    warnings: context.warnings,
    coverage: coverageOf(options.api, owned, context.recorded.map((r) => r.exchange)),
    summary: {
      passed: results.filter((row) => row.judged > 0 && row.failures.length === 0).length,
      failed: results.filter((row) => row.failures.length > 0).length,
      notRun: results.filter((row) => row.judged === 0).length,
    },
  }
}

/** Small, so a normal run stays fast; `--examples 50` searches harder. */
export const defaultExamples = 5

export async function runContract(options: ContractOptions): Promise<ContractReport> {
  const started = Date.now()
  const seed = options.seed ?? 1
  const spec = await loadSpec(options.api)
  const selected = (options.checks ?? checkNames).filter((name) => !options.excludeChecks?.includes(name))
  for (const name of [...selected, ...(options.excludeChecks ?? [])]) {
    if (!(name in checks)) throw new Error(`"${name}" is not a check. The checks are: ${checkNames.join(', ')}.`)
  }
  const ids = spec.operations.map((operation) => operation.id)
  const owned = options.operations ? new Set(options.operations) : options.shard ? shardOf(ids, options.shard) : undefined
  const client = new HttpClient({ baseUrl: options.baseUrl, rate: options.rate, headers: options.headers })
  const credentials = options.credentials ?? {}
  const context = new RunContext(spec, client, createGenerator(seed, options.runId ?? newRunId()), credentials, {
    readOnly: options.readOnly ?? false,
    progress: options.progress,
    owned,
    checks: selected,
  })

  if (options.preflight !== false) await preflight(context, /\.(ya?ml|json)$/.test(options.api) ? undefined : options.api)
  await discover(context)
  await probeAuth(context)
  await probeInvalidInput(context)
  await probeUnknownResources(context)
  await runLifecycles(context)
  // After the lifecycles: a create a server wrongly lets through cannot collide with theirs.
  await probePermissions(context, options.roles ?? [])
  await walkPages(context)
  const examples = options.examples ?? defaultExamples
  if (!Number.isInteger(examples) || examples < 0) throw new Error(`examples must be a whole number ≥ 0, got ${examples}.`)
  if (examples > 0) {
    await generateExamples(context, examples, seed)
    await generateSequences(context, examples, seed)
  }
  await askDocumentedStatuses(context)

  if (context.unauthorised.size > 0) {
    const needing = spec.operations.filter(requiresAuth).length
    context.warnings.unshift(
      hasCredentials(credentials)
        ? `The credentials given fit none of the security schemes of ${[...context.unauthorised].join(', ')}: only their refusals were checked.`
        : `No credentials given: the ${needing} operations that need them were only checked for refusals. Pass --token, --api-key, --basic or --credentials (or set MOCKDESK_TOKEN, MOCKDESK_API_KEY, MOCKDESK_BASIC).`,
    )
  }
  return judge(options, spec, context, selected, started, client.sent)
}
