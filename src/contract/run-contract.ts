/**
 * Runs the contract suite: derives exchanges from the spec (valid reads, auth probes, invalid
 * input, lifecycles, pagination walks), sends them to the base URL, and judges each with the
 * checks. Reads everything from the spec; imports nothing from the mock.
 */
import { checkNames, checks, type CheckName } from './checks/index.ts'
import { RunContext } from './context.ts'
import type { Credentials } from './credentials.ts'
import { toCurl } from './curl.ts'
import type { Failure } from './failure.ts'
import { HttpClient } from './http-client.ts'
import { probeAuth } from './scenarios/auth.ts'
import { discover } from './scenarios/discovery.ts'
import { askDocumentedStatuses } from './scenarios/documented-statuses.ts'
import { probeInvalidInput } from './scenarios/invalid-input.ts'
import { runLifecycles } from './scenarios/lifecycle.ts'
import { walkPages } from './scenarios/pagination.ts'
import { label, loadSpec } from './spec.ts'
import { createGenerator } from './values/generate.ts'

export interface ContractOptions {
  /** An API id (`toptickets`) or the path of an OpenAPI file. */
  api: string
  /** The API's base URL, e.g. `http://127.0.0.1:4010/toptickets/v1` or the vendor's own. */
  baseUrl: string
  credentials?: Credentials
  /** Only these checks (default: all). */
  checks?: readonly CheckName[]
  excludeChecks?: readonly CheckName[]
  /** Seed for generated values; the same seed sends the same requests. Default 1. */
  seed?: number
  /** Send only GET/HEAD/OPTIONS requests. */
  readOnly?: boolean
  /** At most this many requests per second. */
  rate?: number
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
  /** How many exchanges this check judged for this operation (0: not run). */
  judged: number
  failures: Failure[]
}

export interface ContractReport {
  api: string
  title: string
  baseUrl: string
  seed: number
  readOnly: boolean
  startedAt: string
  durationMs: number
  requests: number
  checks: CheckName[]
  results: CheckResultRow[]
  failures: Failure[]
  warnings: string[]
  summary: { passed: number; failed: number; notRun: number }
}

export async function runContract(options: ContractOptions): Promise<ContractReport> {
  const started = Date.now()
  const seed = options.seed ?? 1
  const spec = await loadSpec(options.api)
  const selected = (options.checks ?? checkNames).filter((name) => !options.excludeChecks?.includes(name))
  for (const name of [...selected, ...(options.excludeChecks ?? [])]) {
    if (!(name in checks)) throw new Error(`"${name}" is not a check. The checks are: ${checkNames.join(', ')}.`)
  }
  const client = new HttpClient({ baseUrl: options.baseUrl, rate: options.rate, headers: options.headers })
  const context = new RunContext(spec, client, createGenerator(seed), options.credentials ?? {}, options.readOnly ?? false, options.progress)

  await discover(context)
  await probeAuth(context)
  await probeInvalidInput(context)
  await runLifecycles(context)
  await walkPages(context)
  await askDocumentedStatuses(context)

  const rows = new Map<string, CheckResultRow>()
  for (const operation of spec.operations) {
    for (const check of selected) rows.set(`${operation.id}|${check}`, { operationId: operation.id, operation: label(operation), check, judged: 0, failures: [] })
  }
  for (const { exchange, secrets } of context.recorded) {
    for (const check of selected) {
      const result = checks[check](exchange, spec)
      if (result === undefined) continue
      const row = rows.get(`${exchange.operation.id}|${check}`)!
      row.judged++
      const curl = toCurl(exchange.request, secrets)
      for (const failure of result) row.failures.push({ ...failure, check, operation: row.operation, operationId: row.operationId, curl })
    }
  }
  const results = [...rows.values()]
  const failures = results.flatMap((row) => row.failures)
  return {
    api: options.api,
    title: spec.title,
    baseUrl: options.baseUrl,
    seed,
    readOnly: context.readOnly,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    requests: client.sent,
    checks: selected,
    results,
    failures,
    warnings: context.warnings,
    summary: {
      passed: results.filter((row) => row.judged > 0 && row.failures.length === 0).length,
      failed: results.filter((row) => row.failures.length > 0).length,
      notRun: results.filter((row) => row.judged === 0).length,
    },
  }
}
