/**
 * Which session a request names: an `X-Mockdesk-Session` header first, then the sandbox page's
 * per-visitor cookie (when the server gives visitors worlds of their own), then, when the server
 * is told to, an attribute of the request itself: its API key, so that each key is its own tenant.
 * No name means the default world, as without sessions.
 */
import { createHash, randomBytes } from 'node:crypto'
import { parse as parseCookies } from 'cookie'
import { apiKey, basicCredentials, bearerToken } from '../../core/credentials.ts'
import { KitError } from '../../core/kit-error.ts'

export const sessionHeader = 'x-mockdesk-session'
export const sessionCookie = 'mockdesk-session'

/** What else may name a session: `api-key` makes each credential its own tenant. */
export type SessionAttribute = 'api-key'
export const sessionAttributes: readonly SessionAttribute[] = ['api-key']

export interface SessionNaming {
  /** Honour the sandbox page's per-visitor cookie. */
  visitorCookie?: boolean
  attribute?: SessionAttribute
}

const validName = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/
/** The name the default world answers to, so a header can name it explicitly too. */
export const defaultSessionName = 'default'

function checked(name: string, source: string): string {
  if (!validName.test(name)) {
    throw new KitError(
      'MOCKDESK_BAD_SESSION',
      `The session name ${JSON.stringify(name.slice(0, 140))} (from the ${source}) is not valid.`,
      'Name a session with 1 to 128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit, e.g. X-Mockdesk-Session: worker-3.',
    )
  }
  return name
}

/** The credential a request carries, whichever way its API takes it. */
function credentialOf(request: Request, url: URL): string | undefined {
  return bearerToken(request) ?? basicCredentials(request)?.username ?? apiKey(request, url, 'apiKey') ?? undefined
}

/** The session a request names, and what named it. */
export function sessionOf(request: Request, url: URL, naming: SessionNaming): { name: string; by: 'header' | 'cookie' | SessionAttribute } | undefined {
  const header = request.headers.get(sessionHeader)
  if (header !== null) return { name: checked(header.trim(), `${sessionHeader} header`), by: 'header' }
  if (naming.visitorCookie) {
    const cookie = request.headers.get('cookie')
    const visitor = cookie ? parseCookies(cookie)[sessionCookie] : undefined
    if (visitor) return { name: checked(visitor, `${sessionCookie} cookie`), by: 'cookie' }
  }
  if (naming.attribute === 'api-key') {
    const credential = credentialOf(request, url)
    // Hashed: session names are listed to the admin and logged; keys should not be.
    if (credential) return { name: `key-${createHash('sha256').update(credential).digest('hex').slice(0, 16)}`, by: 'api-key' }
  }
  return undefined
}

export const sessionNameOf = (request: Request, url: URL, naming: SessionNaming) => sessionOf(request, url, naming)?.name

/** A fresh visitor's session name, unguessable so no one can walk into another's world. */
export const newVisitorName = () => `visitor-${randomBytes(12).toString('base64url')}`

/** The cookie that gives a sandbox visitor their world: this site only, not readable by scripts. */
export const visitorCookie = (name: string) => `${sessionCookie}=${name}; Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000`
