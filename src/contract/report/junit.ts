/**
 * JUnit XML for CI dashboards: one suite per API, one test case per operation × check that had
 * something to judge (pairs that do not apply to an operation are left out, not "skipped"). A
 * failing case carries its detail in `<failure>`: the first title as the message, and every
 * failure with received, documented and a repro curl as the body.
 */
import junit from 'junit-report-builder'
import type { ContractReport } from '../run-contract.ts'

export function junitReport(reports: ContractReport | ContractReport[]): string {
  const builder = junit.newBuilder()
  for (const report of [reports].flat()) {
    const suite = builder.testSuite().name(`mockdesk contract: ${report.api}`).timestamp(report.startedAt).time(report.durationMs / 1000)
    for (const row of report.results) {
      if (row.judged === 0) continue
      const testCase = suite.testCase().className(`${report.api}.${row.operationId}`).name(`${row.operation} › ${row.check}`)
      if (row.failures.length === 0) continue
      const [first] = row.failures
      testCase.failure(`${first!.title}${row.failures.length > 1 ? ` (and ${row.failures.length - 1} more)` : ''}`, row.check)
      testCase.stacktrace(
        row.failures.map((f) => `[${f.severity}] ${f.title}\n${f.example ? `example:    ${f.example}\n` : ''}received:   ${f.received}\ndocumented: ${f.documented}\nreproduce:  ${f.curl}`).join('\n\n'),
      )
    }
  }
  return builder.build()
}
