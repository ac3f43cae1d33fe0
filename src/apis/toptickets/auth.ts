/**
 * TopTickets auth: `Authorization: Bearer <key>`. The key must be one the mock knows
 * (fixtures/toptickets/keys.json); its prefix gives its role and the role its scopes. The scopes
 * an operation needs are read from the spec's security requirements, not repeated here.
 */
import keys from '../../../fixtures/toptickets/keys.json'
import { bearerToken } from '../../core/credentials.ts'
import type { AuthResult } from '../../core/define-api.ts'
import type { Operation } from '../../core/openapi-document.ts'
import { detail } from './errors.ts'

export interface Principal {
  key: string
  role: Role
  scopes: ReadonlySet<string>
}

/** Roles by key prefix, as the docs give them (`tt_agent_` scopes are inferred: no delete). */
const roles = {
  tt_admin_: { role: 'admin', scopes: ['customers:read', 'customers:write', 'customers:delete'] },
  tt_ro_: { role: 'read_only_admin', scopes: ['customers:read'] },
  tt_agent_: { role: 'agent', scopes: ['customers:read', 'customers:write'] },
} as const

export type Role = (typeof roles)[keyof typeof roles]['role']

export function roleOf(key: string) {
  return Object.entries(roles).find(([prefix]) => key.startsWith(prefix))?.[1]
}

export const apiKeys = keys

/**
 * Each known key's principal, made once: every request is authenticated, and building the role
 * lookup, the scope set and the principal per request showed in the create's CPU profile. Frozen,
 * as handlers share them.
 */
const principals = new Map(
  keys.flatMap((entry): Array<[string, Principal]> => {
    const role = roleOf(entry.key)
    return role ? [[entry.key, Object.freeze({ key: entry.key, role: role.role, scopes: new Set<string>(role.scopes) })]] : []
  }),
)

/** The scopes each operation requires (its spec security requirements), read once per operation. */
const requiredScopes = new WeakMap<Operation, string[]>()
const scopesFor = (operation: Operation) => {
  let required = requiredScopes.get(operation)
  if (!required) requiredScopes.set(operation, (required = operation.security.flatMap((requirement) => requirement.bearer ?? [])))
  return required
}

export function authenticate(request: Request, operation: Operation): AuthResult<Principal> {
  const key = bearerToken(request)
  const principal = key === undefined ? undefined : principals.get(key)
  if (!principal) return { ok: false, response: detail(401, 'Invalid API key') }

  const missing = scopesFor(operation).find((scope) => !principal.scopes.has(scope))
  if (missing) return { ok: false, response: detail(403, `Insufficient permissions. Required scope: ${missing}`) }

  return { ok: true, principal }
}
