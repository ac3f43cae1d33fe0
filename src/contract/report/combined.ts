/** Several APIs' runs (`--all`) as one report: their sums, and the JSON shape that holds them. */
import { combineCoverage, type Coverage } from '../coverage.ts'
import type { ContractReport } from '../run-contract.ts'

export interface CombinedReport {
  runs: ContractReport[]
  coverage: Pick<Coverage, 'documented' | 'exercised'>
  summary: { passed: number; failed: number; notRun: number; requests: number; durationMs: number }
}

export function summarise(reports: ContractReport[]): CombinedReport['summary'] {
  const sum = (pick: (report: ContractReport) => number) => reports.reduce((n, report) => n + pick(report), 0)
  return {
    passed: sum((r) => r.summary.passed),
    failed: sum((r) => r.summary.failed),
    notRun: sum((r) => r.summary.notRun),
    requests: sum((r) => r.requests),
    durationMs: sum((r) => r.durationMs),
  }
}

export function combine(reports: ContractReport[]): CombinedReport {
  const { documented, exercised } = combineCoverage(reports.map((r) => r.coverage))
  return { runs: reports, coverage: { documented, exercised }, summary: summarise(reports) }
}
