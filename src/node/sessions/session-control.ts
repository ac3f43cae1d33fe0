/**
 * The sessions' control endpoints, for the owner of the server (the rest of the control plane,
 * reset, snapshot and the request log, acts on the world a request names, see
 * src/core/control-plane.ts):
 * `GET /__mockdesk/sessions` (the worlds kept, most recently used first, and the limits),
 * `DELETE /__mockdesk/sessions/<name>` (drop one), `DELETE /__mockdesk/sessions` (drop all),
 * `GET /__mockdesk/requests/all[?after=N]` (the last requests of every world, each naming its session).
 */
import { controlPrefix } from '../../core/control-plane.ts'
import { KitError } from '../../core/kit-error.ts'
import type { Mockdesk } from '../../core/mockdesk.ts'
import type { SessionRegistry } from './session-registry.ts'

export async function handleSessionControl(request: Request, url: URL, mockdesk: Mockdesk, registry: SessionRegistry): Promise<Response | undefined> {
  const path = url.pathname.slice(controlPrefix.length)
  if (path === '/requests/all' && request.method === 'GET') {
    const raw = url.searchParams.get('after')
    if (raw !== null && !/^\d+$/.test(raw)) {
      throw new KitError('MOCKDESK_BAD_CONTROL_REQUEST', `"${raw}" is not a valid "after" value: it must be a non-negative integer.`, 'Pass the "seq" of the newest entry you have, e.g. ?after=12.')
    }
    const log = mockdesk.allRequests
    return Response.json({ last: log.last, size: log.size, requests: log.since(raw === null ? 0 : Number(raw)) })
  }
  if (path !== '/sessions' && !path.startsWith('/sessions/')) return undefined
  const name = path.startsWith('/sessions/') ? decodeURIComponent(path.slice('/sessions/'.length)) : undefined
  switch (`${request.method} ${name === undefined ? '/sessions' : '/sessions/<name>'}`) {
    case 'GET /sessions':
      return Response.json({ count: registry.size, limits: registry.limits, sessions: await registry.list() })
    case 'DELETE /sessions':
      return Response.json({ status: 'dropped', dropped: await registry.dropAll() })
    case 'DELETE /sessions/<name>':
      if (!(await registry.drop(name!))) {
        throw new KitError('MOCKDESK_NO_ROUTE', `There is no session "${name}" on this server.`, 'GET /__mockdesk/sessions lists the sessions kept.')
      }
      return Response.json({ status: 'dropped', dropped: 1 })
    default:
      throw new KitError(
        'MOCKDESK_NO_ROUTE',
        `There is no control endpoint ${request.method} ${path}.`,
        'The session endpoints are GET /__mockdesk/sessions, DELETE /__mockdesk/sessions[/<name>] and GET /__mockdesk/requests/all; reset, snapshot and requests act on the session your request names.',
      )
  }
}
