/**
 * TicketSource auth: the API key either as `Authorization: Bearer <key>` or as the username of
 * HTTP Basic with an empty password, as the getting-started guide documents both. Keys carry no
 * scopes; any other key, or a Basic password that is not empty, is Laravel's 401.
 */
import keys from '../../../fixtures/ticketsource/keys.json'
import { basicCredentials, bearerToken } from '../../core/credentials.ts'
import type { AuthResult } from '../../core/define-api.ts'
import { message, unauthenticated } from './errors.ts'

export interface Principal {
  key: string
}

export const apiKeys = keys

const known = new Set(keys.map((entry) => entry.key))

function basicKey(request: Request): string | undefined {
  const credentials = basicCredentials(request)
  return credentials && credentials.password === '' ? credentials.username : undefined
}

export function authenticate(request: Request): AuthResult<Principal> {
  const key = bearerToken(request) ?? basicKey(request)
  if (!key || !known.has(key)) return { ok: false, response: message(401, unauthenticated) }
  return { ok: true, principal: { key } }
}
