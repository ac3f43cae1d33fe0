/**
 * Sessions for the HTTP server: plugs into the fetch app (`WorldSelector`) so that each request
 * is answered from the world it names (see session-name.ts), kept in a bounded registry.
 */
import { parse as parseCookies } from 'cookie'
import { controlPrefix } from '../../core/control-plane.ts'
import type { WorldSelector } from '../../core/fetch-app.ts'
import type { Mockdesk } from '../../core/mockdesk.ts'
import { handleSessionControl } from './session-control.ts'
import { defaultSessionName, newVisitorName, sessionCookie, sessionHeader, sessionNameOf, sessionOf, visitorCookie, type SessionNaming } from './session-name.ts'
import { SessionRegistry, type SessionLimits, type WorldSource } from './session-registry.ts'

/** Control calls that act on the caller's own world only (see ownWorldCall). */
const ownWorldRoutes = new Set(['GET /health', 'GET /apis', 'GET /requests', 'GET /requests/events', 'GET /snapshot', 'POST /reset', 'POST /snapshot'])
/** The sandbox page's tools: the data browser, one logged request, the console's spec. */
const ownWorldReads = /^GET \/(data(\/.*)?|requests\/\d+|openapi\/[^/]+)$/

export interface SessionOptions extends Partial<SessionLimits>, SessionNaming {}

export interface Sessions extends WorldSelector {
  registry: SessionRegistry
}

export function createSessions(mockdesk: Mockdesk, options: SessionOptions = {}, source?: (limits: SessionLimits) => WorldSource): Sessions {
  const registry = new SessionRegistry(mockdesk, options, source)
  return {
    registry,
    async worldFor(request, url) {
      const name = sessionNameOf(request, url, options)
      if (name === undefined || name === defaultSessionName) return undefined
      return registry.get(name)
    },
    control: (request, url) => handleSessionControl(request, url, mockdesk, registry),
    ownWorldCall(request, url) {
      // A header can name anyone's session; a visitor's cookie and an API key name one's own.
      const session = sessionOf(request, url, options)
      const route = `${request.method} ${url.pathname.slice(controlPrefix.length)}`
      return session !== undefined && session.by !== 'header' && session.name !== defaultSessionName && (ownWorldRoutes.has(route) || ownWorldReads.test(route))
    },
    decorate(request, url, response) {
      // A visitor of the sandbox page without a world yet gets one: the cookie names it.
      if (!options.visitorCookie || url.pathname !== '/') return response
      const cookies = parseCookies(request.headers.get('cookie') ?? '')
      if (cookies[sessionCookie] || request.headers.has(sessionHeader)) return response
      response.headers.append('set-cookie', visitorCookie(newVisitorName()))
      return response
    },
  }
}
