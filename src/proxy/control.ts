/**
 * The proxy's own endpoints under `/__mockdesk/`: `GET /__mockdesk/health` and
 * `GET /__mockdesk/drift` (`?format=text` for the readable summary). They belong to whoever runs
 * the proxy, under the same rules as the server's control plane (src/core/control-access.ts):
 * bound to loopback, only loopback Host names (no DNS rebinding); never for other sites' pages
 * (no CORS either); with an admin token (always when bound beyond loopback), only with it.
 */
import type { IncomingMessage } from 'node:http'
import { checkControlAccess, type ControlAccess } from '../core/control-access.ts'
import { KitError } from '../core/kit-error.ts'
import type { DriftRecorder } from './drift.ts'
import { driftSummary } from './drift-summary.ts'
import type { ProxyTarget } from './targets.ts'

export const controlPrefix = '/__mockdesk'

/** Why this request may not use the control endpoints, or undefined when it may. */
export function controlRefusal(request: IncomingMessage, access: ControlAccess): KitError | undefined {
  let url: URL
  try {
    url = new URL(request.url ?? '/', `http://${request.headers.host ?? ''}`)
  } catch {
    return new KitError('MOCKDESK_FORBIDDEN', 'The request has no valid Host header.', 'Call the control endpoints as http://127.0.0.1:<port>/__mockdesk/...')
  }
  // Only the headers the rules read: the rest (connection, host, ...) is not the rules' business.
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string' && (name === 'origin' || name === 'sec-fetch-site' || name === 'content-type' || name.startsWith('x-mockdesk-'))) headers.set(name, value)
  }
  try {
    checkControlAccess(new Request(url, { method: request.method, headers }), url, access)
    return undefined
  } catch (error) {
    if (error instanceof KitError) return error
    throw error
  }
}

export interface ControlContext {
  targets: ProxyTarget[]
  drift: DriftRecorder
  errors: boolean
  recording?: string
}

export function handleControl(method: string, url: URL, context: ControlContext): Response {
  const route = `${method} ${url.pathname.slice(controlPrefix.length)}`
  switch (route) {
    case 'GET /health':
      return Response.json({
        status: 'ok',
        mode: 'proxy',
        errors: context.errors,
        recording: context.recording !== undefined,
        apis: context.targets.map((t) => ({ id: t.api, target: t.base.href, mount: t.mount || '/' })),
      })
    case 'GET /drift': {
      const report = context.drift.report()
      const format = url.searchParams.get('format') ?? 'json'
      if (format === 'text') return new Response(driftSummary(report), { headers: { 'content-type': 'text/plain; charset=utf-8' } })
      if (format !== 'json') throw new KitError('MOCKDESK_BAD_CONTROL_REQUEST', `There is no drift format "${format}".`, 'Use ?format=json (the default) or ?format=text.')
      return Response.json(report)
    }
    default:
      throw new KitError('MOCKDESK_NO_ROUTE', `The proxy has no control endpoint ${route}.`, 'The proxy control endpoints are GET /__mockdesk/health and GET /__mockdesk/drift[?format=text].')
  }
}
