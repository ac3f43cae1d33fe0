/**
 * What a run reached: for each operation, the statuses its spec documents and which of them the
 * server actually answered, so a team sees what its run did not exercise.
 */
import type { Exchange } from './exchange.ts'
import { label, type SpecOperation } from './spec.ts'

export interface OperationCoverage {
  api: string
  operationId: string
  operation: string
  /** Documented statuses (`200`, `404`, `4XX`), without `default`. */
  documented: string[]
  /** The documented statuses some response had. */
  exercised: string[]
  missing: string[]
}

export interface Coverage {
  /** Documented statuses over all operations, and how many a response had. */
  documented: number
  exercised: number
  operations: OperationCoverage[]
}

/** Whether a status answers a documented key (`404`, or a range such as `4XX`). */
const answers = (key: string, status: number) => key === String(status) || (/^\dXX$/i.test(key) && key[0] === String(status)[0])

export function coverageOf(api: string, operations: SpecOperation[], exchanges: Exchange[]): Coverage {
  const rows = operations.map((operation) => {
    const documented = Object.keys(operation.responses).filter((key) => key !== 'default')
    const statuses = new Set(exchanges.filter((e) => e.operation === operation && e.response.status > 0).map((e) => e.response.status))
    const exercised = documented.filter((key) => [...statuses].some((status) => answers(key, status)))
    return { api, operationId: operation.id, operation: label(operation), documented, exercised, missing: documented.filter((key) => !exercised.includes(key)) }
  })
  return { documented: rows.reduce((n, row) => n + row.documented.length, 0), exercised: rows.reduce((n, row) => n + row.exercised.length, 0), operations: rows }
}

/** Several runs' coverage as one. */
export const combineCoverage = (all: Coverage[]): Coverage => ({
  documented: all.reduce((n, c) => n + c.documented, 0),
  exercised: all.reduce((n, c) => n + c.exercised, 0),
  operations: all.flatMap((c) => c.operations),
})
