/**
 * TomTicket auth: `Authorization: Bearer {SEU-TOKEN-AQUI}`, the account's API token. The token
 * must be one of fixtures/tomticket/keys.json; its account's plan decides what it may use: the
 * customer methods are "Recurso Premium / Recurso Enterprise" in the docs, and `portfolio_id`
 * is for Enterprise accounts only (checked by the handlers, which see the body).
 */
import keys from '../../../fixtures/tomticket/keys.json'
import { bearerToken } from '../../core/credentials.ts'
import type { AuthResult } from '../../core/define-api.ts'
import { errorResponse, messages } from './errors.ts'

export type Plan = 'enterprise' | 'premium' | 'start'

export interface Principal {
  token: string
  plan: Plan
}

export const apiKeys = keys

const plans = new Map(keys.map((entry) => [entry.key, entry.role as Plan]))

const customerApiPlans: ReadonlySet<Plan> = new Set(['premium', 'enterprise'])

export function authenticate(request: Request): AuthResult<Principal> {
  const token = bearerToken(request)
  if (!token) return { ok: false, response: errorResponse(401, messages.missingToken) }
  const plan = plans.get(token)
  if (!plan) return { ok: false, response: errorResponse(401, messages.invalidToken) }
  if (!customerApiPlans.has(plan)) return { ok: false, response: errorResponse(403, messages.planWithoutApi) }
  return { ok: true, principal: { token, plan } }
}
