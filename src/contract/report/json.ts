/** The machine report: the run as JSON, shaped as report-schema.json documents. */
import type { ContractReport } from '../run-contract.ts'
import schema from './report-schema.json'

export const reportSchema = schema

export function jsonReport(report: ContractReport): string {
  return `${JSON.stringify(report, null, 2)}\n`
}
