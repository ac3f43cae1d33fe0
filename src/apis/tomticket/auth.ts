/**
 * TomTicket auth: `Authorization: Bearer {SEU-TOKEN-AQUI}`, the account's API token. The token
 * must be one of fixtures/tomticket/keys.json; its account's plan decides what it may use: the
 * customer methods are "Recurso Premium / Recurso Enterprise" in the docs (the spec's security
 * requirements name those plans as roles, and this reads them there), and `portfolio_id` is for
 * Enterprise accounts only (checked by the handlers, which see the body).
 */
import keys from '../../../fixtures/tomticket/keys.json'
import { bearerToken } from '../../core/credentials.ts'
import type { AuthResult } from '../../core/define-api.ts'
import type { Operation } from '../../core/openapi-document.ts'
import { errorResponse, messages } from './errors.ts'

export type Plan = 'enterprise' | 'premium' | 'start'

export interface Principal {
  token: string
  plan: Plan
}

export const apiKeys = keys

const plans = new Map(keys.map((entry) => [entry.key, entry.role as Plan]))

/**
 * The plans that may call the operation, read from its security requirements: each names one
 * plan as a role (`bearer: [premium]`, `bearer: [enterprise]`), so the spec says who may call what.
 */
const plansFor = (operation: Operation) => operation.security.flatMap((requirement) => requirement.bearer ?? [])

export function authenticate(request: Request, operation: Operation): AuthResult<Principal> {
  const token = bearerToken(request)
  if (!token) return { ok: false, response: errorResponse(401, messages.missingToken) }
  const plan = plans.get(token)
  if (!plan) return { ok: false, response: errorResponse(401, messages.invalidToken) }
  if (!plansFor(operation).includes(plan)) return { ok: false, response: errorResponse(403, messages.planWithoutApi) }
  return { ok: true, principal: { token, plan } }
}
