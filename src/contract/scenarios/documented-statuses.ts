/**
 * Asks for each documented status the other scenarios cannot provoke (429, 500, ...) with
 * `Prefer: code=<status>`, the convention of mockdesk and Prism, so their bodies and headers
 * (Retry-After) get checked. A server that ignores the header answers normally and is judged on
 * that. Unsafe operations are asked with a body-less request about a record that cannot exist,
 * so a server that ignores the header rejects it instead of changing anything.
 */
import type { RunContext } from '../context.ts'
import { isSafe } from '../spec.ts'

/** Statuses the auth, invalid-input and lifecycle scenarios already provoke for real. */
const provoked = new Set(['400', '401', '403', '404', '409', '410', '413', '415', '422'])

export async function askDocumentedStatuses(context: RunContext): Promise<void> {
  let sent = 0
  for (const operation of context.spec.operations) {
    if ((context.readOnly && !isSafe(operation)) || !context.owns(operation)) continue
    const statuses = Object.keys(operation.responses).filter((status) => /^[45]\d\d$/.test(status) && !provoked.has(status))
    if (statuses.length === 0) continue
    const valid = isSafe(operation) ? (context.validParts(operation, { poolOnly: true }) ?? context.validParts(operation)) : context.absentParts(operation)
    if (!valid) continue
    const parts = isSafe(operation) ? valid : { ...valid, body: undefined, mediaType: undefined }
    for (const status of statuses) {
      const auth = context.auth(operation)
      const exchange = await context.send(operation, 'example', `Prefer: code=${status}`, parts, auth && { ...auth, headers: { ...auth.headers, prefer: `code=${status}` } })
      exchange.preferred = Number(status)
      sent++
    }
  }
  context.progress(`documented statuses: ${sent} requests`)
}
