/**
 * billingplatform.uk auth: `Authorization: Bearer YOUR_API_KEY`, as every curl example in the
 * docs sends it. The docs describe no roles or scopes, so any key the mock knows
 * (fixtures/billingplatform/keys.json) may call every endpoint; a missing or unknown key gets
 * Yii 2's HttpBearerAuth answer: 401 with its challenge header.
 */
import keys from '../../../fixtures/billingplatform/keys.json'
import { bearerToken } from '../../core/credentials.ts'
import type { AuthResult } from '../../core/define-api.ts'
import { yiiError } from './errors.ts'

export interface Principal {
  key: string
}

export const apiKeys = keys

const known = new Set(keys.map((entry) => entry.key))

export function authenticate(request: Request): AuthResult<Principal> {
  const key = bearerToken(request)
  if (!key || !known.has(key)) {
    return {
      ok: false,
      response: yiiError(401, 'Your request was made with invalid credentials.', { headers: { 'www-authenticate': 'Bearer realm="api"' } }),
    }
  }
  return { ok: true, principal: { key } }
}
