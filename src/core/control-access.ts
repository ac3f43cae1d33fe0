/**
 * Who may use the control plane (`/__mockdesk/*`): its owner, not any web page the owner visits.
 * - Bound to loopback, it answers only loopback Host names, so a DNS-rebinding page (evil.example
 *   resolving to 127.0.0.1) cannot reach it.
 * - A request a browser marks as cross-site (a foreign `Origin`, `null` included, or
 *   `Sec-Fetch-Site: cross-site`) is refused, and the fetch app answers no CORS for it.
 * - Anything that changes state needs a request no page can send without a CORS preflight: a JSON
 *   content type or an `X-Mockdesk-*` header. A cross-site form or `text/plain` POST never passes.
 * - With an admin token (always when bound beyond loopback), every control call must carry it.
 */
import { KitError } from './kit-error.ts'

/** Marks a state-changing control call as deliberate (any value); the sandbox page sends it. */
export const controlHeader = 'x-mockdesk-control'
/** Carries the admin token. */
export const adminTokenHeader = 'x-mockdesk-admin-token'

export interface ControlAccess {
  /** Answer only loopback Host names (the server is bound to loopback). */
  loopbackOnly?: boolean
  /** Required on every control call when set. */
  adminToken?: string
}

/** `localhost`, `*.localhost` (RFC 6761: never resolved by DNS), `127.0.0.0/8`, `[::1]`. */
export function isLoopbackName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '')
  return name === 'localhost' || name.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(name) || name === '[::1]' || name === '::1'
}

const isJson = (contentType: string | null) => {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase() ?? ''
  return essence === 'application/json' || essence.endsWith('+json')
}

/** Compares without returning early, so response time says nothing about how much of a guess was right. */
function sameSecret(given: string, expected: string): boolean {
  let difference = given.length ^ expected.length
  for (let i = 0; i < expected.length; i++) difference |= (given.charCodeAt(i) | 0) ^ expected.charCodeAt(i)
  return difference === 0
}

/** Whether a browser says this request comes from another site than the server's own. */
export function isCrossSite(request: Request, url: URL): boolean {
  const origin = request.headers.get('origin')
  if (origin !== null && origin !== url.origin) return true
  const site = request.headers.get('sec-fetch-site')
  return site === 'cross-site' || site === 'same-site'
}

/** Throws the kit error that explains why this control call is refused; returns when it may go on. */
export function checkControlAccess(request: Request, url: URL, access: ControlAccess): void {
  if (access.loopbackOnly && !isLoopbackName(url.hostname)) {
    throw new KitError(
      'MOCKDESK_FORBIDDEN',
      `The control plane answers only loopback host names, not "${url.host}".`,
      'Call it as http://127.0.0.1:<port>/__mockdesk/... or http://localhost:<port>/__mockdesk/...; to reach it from elsewhere, start the server with --host 0.0.0.0 and use the admin token it prints.',
    )
  }
  if (isCrossSite(request, url)) {
    throw new KitError(
      'MOCKDESK_FORBIDDEN',
      `The control plane refuses calls from other sites (Origin ${request.headers.get('origin') ?? request.headers.get('sec-fetch-site')}).`,
      'Use the sandbox page the server shows at /, or call the control plane from a script or curl, not from a web page on another origin.',
    )
  }
  if (access.adminToken !== undefined && !sameSecret(request.headers.get(adminTokenHeader) ?? '', access.adminToken)) {
    throw new KitError(
      'MOCKDESK_ADMIN_TOKEN_REQUIRED',
      request.headers.has(adminTokenHeader) ? 'The admin token is wrong.' : 'This server needs its admin token for every control call.',
      `Send the token the server printed at start-up in an ${adminTokenHeader} header (curl -H '${adminTokenHeader}: <token>' ...), or type it into the sandbox page.`,
    )
  }
  const changesState = request.method !== 'GET' && request.method !== 'HEAD'
  const deliberate = isJson(request.headers.get('content-type')) || [...request.headers.keys()].some((name) => name.startsWith('x-mockdesk-'))
  if (changesState && !deliberate) {
    throw new KitError(
      'MOCKDESK_FORBIDDEN',
      `${request.method} ${url.pathname} changes state, so it needs a JSON content type or an ${controlHeader} header (a plain form or text POST could come from any web page).`,
      `Add -H 'content-type: application/json' (or -H '${controlHeader}: 1') to the call, e.g. curl -X POST -H '${controlHeader}: 1' ${url.origin}${url.pathname}.`,
    )
  }
}
