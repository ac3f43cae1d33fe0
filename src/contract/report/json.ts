/**
 * The machine report, shaped as report-schema.json documents: one API's run as an object, or
 * several (`--all`) as `{ runs, coverage, summary }`.
 */
import type { ContractReport } from '../run-contract.ts'
import { combine } from './combined.ts'
import schema from './report-schema.json'

export const reportSchema = schema

export function jsonReport(reports: ContractReport | ContractReport[]): string {
  return `${JSON.stringify(Array.isArray(reports) ? combine(reports) : reports, null, 2)}\n`
}
