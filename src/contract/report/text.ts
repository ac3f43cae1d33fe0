/** The human report: failures grouped by operation, each with what was received, what is documented, and a curl to reproduce it. */
import type { ContractReport } from '../run-contract.ts'

export function textReport(report: ContractReport): string {
  const lines: string[] = [`${report.title} at ${report.baseUrl} (seed ${report.seed}${report.readOnly ? ', read-only' : ''})`, '']
  const byOperation = new Map<string, typeof report.failures>()
  for (const failure of report.failures) byOperation.set(failure.operation, [...(byOperation.get(failure.operation) ?? []), failure])
  for (const [operation, failures] of byOperation) {
    lines.push(`✗ ${operation}`)
    for (const failure of failures) {
      lines.push(
        `  [${failure.severity}] ${failure.check}: ${failure.title}`,
        `    received:   ${failure.received}`,
        `    documented: ${failure.documented}`,
        `    reproduce:  ${failure.curl}`,
        '',
      )
    }
  }
  if (report.failures.length > 0 && report.failures.some((f) => /\$MOCKDESK_/.test(f.curl))) {
    lines.push('The curl commands read credentials from MOCKDESK_TOKEN, MOCKDESK_API_KEY or MOCKDESK_BASIC: export them first.', '')
  }
  for (const warning of report.warnings) lines.push(`! ${warning}`)
  if (report.warnings.length > 0) lines.push('')
  const { passed, failed, notRun } = report.summary
  lines.push(`${passed} passed, ${failed} failed${notRun ? ` (${notRun} operation × check pairs had nothing to judge)` : ''} · ${report.requests} requests in ${(report.durationMs / 1000).toFixed(1)} s`)
  return lines.join('\n')
}
