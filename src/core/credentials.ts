/**
 * Credential extractors for the auth schemes the five vendors use. Each returns the credential
 * or undefined; deciding what a credential may do is each API's own rule.
 */

/** `Authorization: Bearer <token>` (the scheme name is case-insensitive, as RFC 6750 says). */
export function bearerToken(request: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')
  return match?.[1]
}

/** `Authorization: Basic base64(user:password)`, decoded. */
export function basicCredentials(request: Request): { username: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.headers.get('authorization') ?? '')
  if (!match) return undefined
  let decoded: string
  try {
    decoded = atob(match[1]!)
  } catch {
    return undefined
  }
  const colon = decoded.indexOf(':')
  if (colon === -1) return undefined
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

/** An API key sent in a header or in the query string, whichever is present (header first). */
export function apiKey(request: Request, url: URL, name: string): string | undefined {
  return request.headers.get(name) ?? url.searchParams.get(name) ?? undefined
}
