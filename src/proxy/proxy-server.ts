/**
 * The proxy: listens like `mockdesk serve`, forwards each request to its API's vendor base URL
 * unchanged (headers as sent, minus the hop-by-hop ones and with the vendor's Host), and answers
 * with the vendor's response untouched, streamed as it arrives. Around that it checks the request
 * before forwarding and the response after (the contract suite's spec and validator), logs the
 * violations, feeds the drift report and, with `record`, writes redacted HAR files.
 *
 * With `errors`, a violation becomes mockdesk's own error instead (Prism's `--errors`): an
 * invalid request is not forwarded (422), an invalid response is replaced (502). Responses are
 * then held until checked, which is the one case where they are not streamed.
 *
 * Credentials pass through to the vendor and are never kept: nothing is logged but redacted
 * paths and violations, and recordings are redacted before they are written.
 *
 * This file sets the proxy up and routes requests (control endpoints, mounts); one exchange's
 * flow is in forward-exchange.ts.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { isLoopbackName } from '../core/control-access.ts'
import { withCors } from '../core/cors.ts'
import { KitError, kitErrorFrom } from '../core/kit-error.ts'
import { guardServer, oneAtATime, serverOptions, type ConnectionLimits } from '../node/connection-guard.ts'
import { controlPrefix, controlRefusal, handleControl } from './control.ts'
import { DriftRecorder, type DriftReport } from './drift.ts'
import { forwardExchange, type ExchangeContext } from './forward-exchange.ts'
import { HarRecorder } from './har.ts'
import { send } from './http-forward.ts'
import { textLogger, type ProxyLogger } from './proxy-log.ts'
import { Redactor, type RedactionOptions } from './redact.ts'
import { ProxySetupError, resolveTargets, type ProxyTarget, type ProxyTargetOptions } from './targets.ts'

export interface ProxyOptions {
  targets: ProxyTargetOptions[]
  /** Mount each API under `/<id>` (needed for several); one API is served at the root otherwise. */
  prefixed?: boolean
  /** Default 127.0.0.1. */
  host?: string
  /** Default 4020; 0 picks a free port. */
  port?: number
  /** Turn violations into kit errors the app sees. */
  errors?: boolean
  /** Allow http:// targets (a local stand-in, a trusted staging server). */
  allowHttp?: boolean
  /** Write each exchange, redacted, as a HAR file under this directory. */
  record?: string
  redaction?: RedactionOptions
  /** Largest request body accepted, and largest response body checked (default 1 MiB, as the server). */
  maxBodyBytes?: number
  /** How long the vendor may stay silent, in ms (default 30 000). */
  timeoutMs?: number
  logger?: ProxyLogger
  /**
   * Token every control call must carry (`X-Mockdesk-Admin-Token`), as for the server: bound
   * beyond loopback, the proxy makes one up when none is given.
   */
  adminToken?: string
}

export interface ProxyServer {
  url: string
  /** Where the app sends each API's requests, by id. */
  baseUrls: Record<string, string>
  targets: ProxyTarget[]
  /** The admin token control calls need, if any (made up when bound beyond loopback). */
  adminToken?: string
  report(): DriftReport
  /** Stops listening, after the recordings in flight are written. */
  close(): Promise<void>
}

export const defaultProxyPort = 4020
export const defaultMaxBodyBytes = 1024 * 1024
export const defaultTimeoutMs = 30_000

export async function startProxy(options: ProxyOptions): Promise<ProxyServer> {
  const targets = await resolveTargets(options.targets, { allowHttp: options.allowHttp, prefixed: options.prefixed })
  const secretNames = targets.flatMap((t) => Object.values(t.spec.securitySchemes).filter((s) => s.type === 'apiKey').map((s) => String(s.name)))
  const redactor = new Redactor({ ...options.redaction, secretNames: [...(options.redaction?.secretNames ?? []), ...secretNames] })
  const drift = new DriftRecorder(redactor)
  for (const target of targets) drift.addApi(target.api, target.base.href, target.spec)
  const recorder = options.record ? new HarRecorder(options.record, redactor) : undefined
  const logger = options.logger ?? textLogger()
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs
  const pending = new Set<Promise<unknown>>()
  let seq = 0
  const host = options.host ?? '127.0.0.1'
  const loopbackOnly = isLoopbackName(host)
  if (options.adminToken !== undefined && options.adminToken.length < 12) throw new ProxySetupError('The admin token must be at least 12 characters long.')
  const adminToken = options.adminToken ?? (loopbackOnly ? undefined : randomBytes(18).toString('base64url'))
  // The server's limits: headers in 10 s, a whole request in 30 s; a connection may stay idle
  // while the vendor takes its time, and a little longer, so the 504 still reaches the app.
  const limits: ConnectionLimits = { idleMs: timeoutMs + 5000 }

  const track = (promise: Promise<unknown>) => {
    pending.add(promise)
    void promise.finally(() => pending.delete(promise)).catch(() => {})
  }

  const exchangeContext: ExchangeContext = {
    errors: options.errors ?? false,
    maxBodyBytes,
    timeoutMs,
    redactor,
    drift,
    recorder,
    logger,
    nextSeq: () => ++seq,
    track,
  }

  const mountOf = (path: string) =>
    targets.find((t) => t.mount === '' || path === t.mount || path.startsWith(`${t.mount}/`))

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const rawUrl = req.url ?? '/'
    const method = req.method ?? 'GET'
    const url = new URL(rawUrl, 'http://proxy.invalid')

    if (url.pathname === controlPrefix || url.pathname.startsWith(`${controlPrefix}/`)) {
      const refusal = controlRefusal(req, { loopbackOnly, adminToken })
      if (refusal) return send(res, refusal.toResponse())
      req.resume()
      return send(res, handleControl(method, url, { targets, drift, errors: options.errors ?? false, recording: options.record }))
    }

    // mockdesk's own answers on an API route carry CORS, so a browser app can read why; the
    // vendor's answers keep the vendor's CORS, untouched.
    const origin = req.headers.origin
    const answer = (error: KitError) => send(res, origin ? withCors({ headers: new Headers({ origin }) } as Request, error.toResponse()) : error.toResponse())
    const target = mountOf(url.pathname)
    if (!target) {
      req.resume()
      const mounts = targets.map((t) => `${t.mount}/ → ${t.base.href}`)
      return answer(new KitError('MOCKDESK_NO_ROUTE', `No proxied API is mounted at ${url.pathname}.`, `Send the request under one of the mounts: ${mounts.join(', ')}.`, { mounted: mounts }))
    }

    await forwardExchange(exchangeContext, target, req, res, answer)
  }

  const server = createServer(
    serverOptions(limits),
    oneAtATime((req, res) => {
      handle(req, res).catch((error) => {
        const kit = kitErrorFrom(error)
        if (res.headersSent) return res.destroy()
        if (kit.code === 'MOCKDESK_BODY_TOO_LARGE') res.shouldKeepAlive = false
        void send(res, kit.toResponse()).catch(() => res.destroy())
      })
    }, limits),
  )
  guardServer(server, limits)

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? defaultProxyPort, host, () => resolve())
  })
  const { address, port } = server.address() as AddressInfo
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`
  return {
    url,
    baseUrls: Object.fromEntries(targets.map((t) => [t.api, `${url}${t.mount}`])),
    targets,
    adminToken,
    report: () => drift.report(),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await Promise.allSettled([...pending])
    },
  }
}
