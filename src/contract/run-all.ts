/**
 * Every API in one run (`--all`): each under its mount path on one server (mockdesk's own
 * layout, `/<id>/<server path>`), sharded together so `--shard i/n` splits the whole set evenly.
 */
import type { Credentials } from './credentials.ts'
import { runContract, type ContractOptions, type ContractReport } from './run-contract.ts'
import { shardOf } from './shard.ts'
import { knownApis, loadSpec, mountPath } from './spec.ts'
import { newRunId } from './values/generate.ts'

export interface RunAllOptions extends Omit<ContractOptions, 'api' | 'baseUrl' | 'credentials' | 'operations' | 'roles'> {
  /** The server's root, e.g. `http://127.0.0.1:4010`: each API is checked under its mount path. */
  baseUrl: string
  /** The APIs to check (default: every spec in specs/). */
  apis?: string[]
  /** Credentials by API id. */
  credentials?: Record<string, Credentials>
  /** Further credentials by API id, for the permission checks. */
  roles?: Record<string, ContractOptions['roles']>
}

export async function runAll(options: RunAllOptions): Promise<ContractReport[]> {
  const ids = options.apis ?? knownApis()
  const specs = await Promise.all(ids.map((id) => loadSpec(id)))
  const root = options.baseUrl.replace(/\/$/, '')
  const owned = options.shard ? shardOf(specs.flatMap((spec, i) => spec.operations.map((op) => `${ids[i]} ${op.id}`)), options.shard) : undefined
  // One run id for the whole run: its unique values stay apart from every other run's.
  const runId = options.runId ?? newRunId()
  const reports: ContractReport[] = []
  for (const [i, id] of ids.entries()) {
    options.progress?.(`${id}: ${root}${mountPath(specs[i]!, id)}`)
    reports.push(
      await runContract({
        ...options,
        api: id,
        runId,
        baseUrl: `${root}${mountPath(specs[i]!, id)}`,
        credentials: options.credentials?.[id],
        roles: options.roles?.[id],
        operations: owned && specs[i]!.operations.map((op) => op.id).filter((op) => owned.has(`${id} ${op}`)),
      }),
    )
  }
  return reports
}
