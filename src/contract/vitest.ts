/**
 * The contract suite inside a team's own vitest run: one test per operation × check, failing with
 * the same report the CLI prints. Call it at the top level of a test file:
 *
 *   await describeContract({ api: 'toptickets', baseUrl: 'http://127.0.0.1:4010/toptickets/v1', credentials: { token } })
 */
import { beforeAll, describe, it } from 'vitest'
import { checkNames } from './checks/index.ts'
import { runContract, type ContractOptions, type ContractReport } from './run-contract.ts'
import { label, loadSpec } from './spec.ts'

export interface DescribeContractOptions extends Omit<ContractOptions, 'baseUrl'> {
  /** The base URL, or a function that gives it once the server under test has started. */
  baseUrl: string | (() => string)
  /** The describe block's name (default: "contract: <spec title>"). */
  name?: string
}

export async function describeContract(options: DescribeContractOptions): Promise<void> {
  const spec = await loadSpec(options.api)
  const selected = (options.checks ?? checkNames).filter((name) => !options.excludeChecks?.includes(name))
  describe(options.name ?? `contract: ${spec.title}`, () => {
    let report: ContractReport
    beforeAll(async () => {
      const baseUrl = typeof options.baseUrl === 'function' ? options.baseUrl() : options.baseUrl
      report = await runContract({ ...options, baseUrl })
    }, 120_000)

    for (const operation of spec.operations) {
      for (const check of selected) {
        it(`${label(operation)} › ${check}`, (context) => {
          const row = report.results.find((r) => r.operationId === operation.id && r.check === check)
          if (!row) return context.skip('another shard judges this operation')
          if (row.judged === 0) return context.skip(`${check} does not apply to ${label(operation)} in this run`)
          if (row.failures.length > 0) {
            throw new Error(
              row.failures.map((f) => `[${f.severity}] ${f.title}\n  received:   ${f.received}\n  documented: ${f.documented}\n  reproduce:  ${f.curl}`).join('\n\n'),
            )
          }
        })
      }
    }
  })
}
