/**
 * The proxy's own endpoints under `/__mockdesk/`: `GET /__mockdesk/health` and
 * `GET /__mockdesk/drift` (`?format=text` for the readable summary). They belong to whoever runs
 * the proxy, so, as for the server's control plane: loopback clients only, with a Host check
 * against DNS rebinding, no CORS, unless the caller shows the admin token
 * (`x-mockdesk-token`), which is how they are reached when the proxy listens beyond loopback.
 */
import type { IncomingMessage } from 'node:http'
import { timingSafeEqual } from 'node:crypto'
import { KitError } from '../core/kit-error.ts'
import type { DriftRecorder } from './drift.ts'
import { driftSummary } from './drift-summary.ts'
import type { ProxyTarget } from './targets.ts'

export const controlPrefix = '/__mockdesk'

const loopbackAddress = (address = '') => address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.')
const loopbackName = (host: string) => ['localhost', '127.0.0.1', '[::1]', '::1'].includes(host) || /^127(\.\d{1,3}){3}$/.test(host) || host.endsWith('.localhost')

const sameToken = (given: string, expected: string) => {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** Why this request may not use the control endpoints, or undefined when it may. */
export function controlRefusal(request: IncomingMessage, adminToken?: string): KitError | undefined {
  const token = request.headers['x-mockdesk-token']
  if (adminToken && typeof token === 'string' && sameToken(token, adminToken)) return undefined
  const fix = adminToken
    ? 'Call it from the machine the proxy runs on (http://127.0.0.1:<port>), or send the admin token in an x-mockdesk-token header.'
    : 'Call it from the machine the proxy runs on, at http://127.0.0.1:<port>; to reach it from elsewhere, start the proxy with --admin-token and send it in an x-mockdesk-token header.'
  if (!loopbackAddress(request.socket.remoteAddress)) return new KitError('MOCKDESK_CONTROL_FORBIDDEN', 'The proxy control endpoints answer loopback clients only.', fix)
  const host = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase()
  if (!loopbackName(host)) return new KitError('MOCKDESK_CONTROL_FORBIDDEN', `The proxy control endpoints answer only requests addressed to a loopback name, not "${host}".`, fix)
  const origin = request.headers.origin
  if (origin && origin !== 'null') {
    try {
      if (new URL(origin).host !== request.headers.host) return new KitError('MOCKDESK_CONTROL_FORBIDDEN', `The proxy control endpoints do not answer pages from other origins (${origin}).`, fix)
    } catch {
      return new KitError('MOCKDESK_CONTROL_FORBIDDEN', 'The Origin header is not a URL.', fix)
    }
  }
  return undefined
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
