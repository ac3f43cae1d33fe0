/**
 * The human report: failures grouped by operation, each with what was received, what is
 * documented, and a curl to reproduce it; then warnings, coverage, and one summary line.
 */
import { combineCoverage } from '../coverage.ts'
import type { ContractReport } from '../run-contract.ts'
import { summarise } from './combined.ts'

function failuresOf(report: ContractReport, lines: string[]) {
  const shard = report.shard ? `, shard ${report.shard.index}/${report.shard.count}` : ''
  lines.push(`${report.title} at ${report.baseUrl} (seed ${report.seed}, run ${report.runId}${report.readOnly ? ', read-only' : ''}${shard})`, '')
  const byOperation = new Map<string, typeof report.failures>()
  for (const failure of report.failures) byOperation.set(failure.operation, [...(byOperation.get(failure.operation) ?? []), failure])
  for (const [operation, failures] of byOperation) {
    lines.push(`✗ ${operation}`)
    for (const failure of failures) {
      lines.push(
        `  [${failure.severity}] ${failure.check}: ${failure.title}`,
        ...(failure.example ? [`    example:    ${failure.example}`] : []),
        `    received:   ${failure.received}`,
        `    documented: ${failure.documented}`,
        `    reproduce:  ${failure.curl.split('\n').join('\n                ')}`,
        '',
      )
    }
  }
  for (const warning of report.warnings) lines.push(`! ${warning}`)
  if (report.warnings.length > 0) lines.push('')
  const { documented, exercised, operations } = report.coverage
  const missing = operations.filter((row) => row.missing.length > 0)
  lines.push(`coverage: ${exercised} of ${documented} documented statuses answered${missing.length ? '; not reached:' : ''}`)
  for (const row of missing) lines.push(`  ${row.operation}: ${row.missing.join(', ')}`)
  lines.push('')
}

export function textReport(reports: ContractReport | ContractReport[]): string {
  const all = [reports].flat()
  const lines: string[] = []
  for (const report of all) failuresOf(report, lines)
  const curls = all.flatMap((report) => report.failures.map((f) => f.curl))
  if (curls.some((curl) => /"[^"]*\$[A-Z_]/.test(curl))) lines.push('Credentials from the environment appear in the curl commands as $VARIABLE: export them first.')
  if (curls.some((curl) => curl.includes('…(masked)'))) lines.push('Credentials given on the command line are masked in the curl commands; --show-secrets prints them.')
  const { passed, failed, notRun, requests, durationMs } = summarise(all)
  const coverage = combineCoverage(all.map((r) => r.coverage))
  const apis = all.length > 1 ? ` across ${all.length} APIs` : ''
  lines.push(
    `${passed} passed, ${failed} failed${apis}${notRun ? ` (${notRun} operation × check pairs did not apply)` : ''} · ${coverage.exercised}/${coverage.documented} documented statuses answered · ${requests} requests in ${(durationMs / 1000).toFixed(1)} s`,
  )
  return lines.join('\n')
}
