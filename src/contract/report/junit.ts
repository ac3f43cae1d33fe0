/** JUnit XML for CI dashboards: one suite per API, one test case per operation × check. */
import junit from 'junit-report-builder'
import type { ContractReport } from '../run-contract.ts'

export function junitReport(report: ContractReport): string {
  const builder = junit.newBuilder()
  const suite = builder.testSuite().name(`mockdesk contract: ${report.api}`).timestamp(report.startedAt).time(report.durationMs / 1000)
  for (const row of report.results) {
    const testCase = suite.testCase().className(`${report.api}.${row.operationId}`).name(`${row.operation} › ${row.check}`)
    if (row.judged === 0) testCase.skipped()
    else if (row.failures.length > 0) {
      const [first] = row.failures
      testCase.failure(
        `${first!.title} (${row.failures.length} failure${row.failures.length > 1 ? 's' : ''})`,
        row.check,
      )
      testCase.standardOutput(
        row.failures
          .map((f) => `[${f.severity}] ${f.title}\nreceived:   ${f.received}\ndocumented: ${f.documented}\nreproduce:  ${f.curl}`)
          .join('\n\n'),
      )
    }
  }
  return builder.build()
}
