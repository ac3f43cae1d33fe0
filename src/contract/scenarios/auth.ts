/**
 * Every operation that requires credentials, sent without them and with wrong ones. Operations
 * that could change data aim at a record that cannot exist (never the docs' example id, never an
 * id learnt from the server): if auth is ignored, nothing real changes.
 */
import type { RunContext } from '../context.ts'
import { requiresAuth, wrongCredentials } from '../credentials.ts'
import { isSafe } from '../spec.ts'

export async function probeAuth(context: RunContext): Promise<void> {
  let sent = 0
  for (const operation of context.spec.operations) {
    if (!requiresAuth(operation) || (context.readOnly && !isSafe(operation)) || !context.owns(operation)) continue
    const parts = isSafe(operation)
      ? (context.validParts(operation, { poolOnly: true, anyAuth: true }) ?? context.validParts(operation, { anyAuth: true }))
      : context.absentParts(operation, { anyAuth: true })
    if (!parts) continue
    await context.send(operation, 'no-auth', 'no credentials', parts, { headers: {}, query: {}, secrets: [] })
    const wrong = context.auth(operation, wrongCredentials(context.credentials))
    if (wrong) await context.send(operation, 'wrong-auth', 'wrong credentials', parts, { ...wrong, secrets: [] })
    sent += wrong ? 2 : 1
  }
  context.progress(`auth: ${sent} requests`)
}
