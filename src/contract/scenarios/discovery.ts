/**
 * Valid reads of every safe operation (GET, and searches the spec marks `x-safe`). Lists come first; the links they declare give real ids to
 * the reads of single resources (and those, in turn, to nested ones). A read no link can feed
 * is still sent with the documented example values, and judged on conformance only.
 */
import type { RunContext } from '../context.ts'
import { isSafe } from '../spec.ts'

export async function discover(context: RunContext): Promise<void> {
  const pending = context.spec.operations.filter(isSafe)
  for (let pass = 0; pass < 3 && pending.length > 0; pass++) {
    for (const operation of [...pending]) {
      const parts = context.validParts(operation, { poolOnly: true })
      if (!parts) continue
      pending.splice(pending.indexOf(operation), 1)
      const exchange = await context.send(operation, 'valid', 'a valid request', parts)
      context.harvest(exchange, parts)
    }
  }
  for (const operation of pending) {
    const parts = context.validParts(operation)
    if (!parts) {
      if (context.callable(operation)) context.warnings.push(`${operation.id}: no valid request could be built from the spec (no examples for its parameters?)`)
      continue
    }
    await context.send(operation, 'example', 'the documented example values', parts)
  }
  context.progress(`discovery: ${context.recorded.length} requests`)
}
