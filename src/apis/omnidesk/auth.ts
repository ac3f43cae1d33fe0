/**
 * Omnidesk auth: a key in the `apiKey` header (the vendor's OpenAPI document) or as `?apiKey=`
 * in the URL (its authentication page); the header wins when both are sent. A key carries the
 * permissions it was granted (fixtures/omnidesk/keys.json); the permission an operation needs is
 * read from the spec's security requirements, not repeated here.
 */
import keys from '../../../fixtures/omnidesk/keys.json'
import { apiKey } from '../../core/credentials.ts'
import type { AuthResult } from '../../core/define-api.ts'
import type { Operation } from '../../core/openapi-document.ts'
import { errorResponse } from './errors.ts'

export interface Principal {
  key: string
  role: string
  permissions: ReadonlySet<string>
}

export const apiKeys = keys

const byKey = new Map(keys.map((entry) => [entry.key, entry]))

export function authenticate(request: Request, operation: Operation, url: URL): AuthResult<Principal> {
  const key = apiKey(request, url, 'apiKey')?.trim()
  if (!key) {
    return { ok: false, response: errorResponse(401, 'No API key given: send it in the apiKey header or as ?apiKey= in the URL.') }
  }
  const entry = byKey.get(key)
  if (!entry) return { ok: false, response: errorResponse(401, 'Invalid API key.') }

  const permissions = new Set(entry.permissions)
  const required = [...new Set(operation.security.flatMap((requirement) => Object.values(requirement).flat()))]
  const missing = required.find((permission) => !permissions.has(permission))
  if (missing) return { ok: false, response: errorResponse(403, `This API key does not have the ${missing} permission.`) }

  return { ok: true, principal: { key, role: entry.role, permissions } }
}
