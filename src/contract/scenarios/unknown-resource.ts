/**
 * Every operation that acts on one record, asked about a record that cannot exist: a
 * well-formed id derived from the run id (never an example id, never one the server gave).
 * Operations that could change data are included (nothing can change), except in read-only runs.
 */
import type { RunContext } from '../context.ts'

export async function probeUnknownResources(context: RunContext): Promise<void> {
  let sent = 0
  for (const operation of context.spec.operations) {
    if ((context.readOnly && !operation.safe) || !context.owns(operation)) continue
    const targets = [...context.targets(operation)]
    if (targets.length === 0) continue
    const parts = context.absentParts(operation)
    if (!parts) continue
    await context.send(operation, 'unknown-id', `${targets.join(', ')} of no record`, parts)
    sent++
  }
  context.progress(`unknown resources: ${sent} requests`)
}
