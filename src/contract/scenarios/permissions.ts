/**
 * Each further credential (`roles`, from `--credentials`) against every operation whose security
 * requirements name scopes: refused (401/403) where it lacks one the spec asks for, accepted
 * where it holds them all. Operations that could change data aim at a record that cannot exist,
 * so a server that wrongly lets a credential through still changes nothing; a create it wrongly
 * accepts is deleted again.
 */
import type { RunContext } from '../context.ts'
import type { NamedCredentials } from '../credentials-file.ts'
import { permits } from '../credentials.ts'
import { cleanUp } from './lifecycle.ts'

export async function probePermissions(context: RunContext, roles: NamedCredentials[]): Promise<void> {
  let sent = 0
  for (const role of roles) {
    for (const operation of context.spec.operations) {
      if ((context.readOnly && !operation.safe) || !context.owns(operation)) continue
      const allowed = permits(operation, context.spec.securitySchemes, role)
      const auth = context.auth(operation, role)
      if (allowed === undefined || !auth) continue
      // An allowed create would make a record under another credential for nothing: the
      // lifecycles prove creates are accepted. A refused one is still tried (and undone if let through).
      const creates = !operation.safe && context.targets(operation).size === 0
      if (allowed && creates) continue
      const parts = operation.safe ? (context.validParts(operation, { poolOnly: true, anyAuth: true }) ?? context.validParts(operation, { anyAuth: true })) : context.absentParts(operation, { anyAuth: true })
      if (!parts) continue
      const scopes = role.scopes!.join(', ') || 'no scopes'
      const exchange = await context.send(operation, allowed ? 'permitted' : 'forbidden', `credential "${role.name}" (${scopes})`, parts, auth)
      exchange.role = role.name
      if (creates && exchange.response.status >= 200 && exchange.response.status < 300) await cleanUp(context, exchange, parts)
      sent++
    }
  }
  context.progress(`permissions: ${sent} requests`)
}
