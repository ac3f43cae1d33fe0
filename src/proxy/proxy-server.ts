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
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { AddressInfo } from 'node:net'
import { isPreflight, withCors } from '../core/cors.ts'
import { KitError, kitErrorFrom } from '../core/kit-error.ts'
import { checkRequest } from './check-request.ts'
import { checkResponse, type ResponseCheck } from './check-response.ts'
import { controlPrefix, controlRefusal, handleControl } from './control.ts'
import { DriftRecorder, type DriftReport } from './drift.ts'
import { HarRecorder } from './har.ts'
import { decoded, endToEndHeaders, headerRecord, pairs, readBody, send } from './http-forward.ts'
import { textLogger, type ProxyLogger } from './proxy-log.ts'
import { Redactor, type RedactionOptions } from './redact.ts'
import { resolveTargets, type ProxyTarget, type ProxyTargetOptions } from './targets.ts'
import type { Violation } from './violation.ts'

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
  /** Lets the control endpoints answer beyond loopback, to callers that send it. */
  adminToken?: string
}

export interface ProxyServer {
  url: string
  /** Where the app sends each API's requests, by id. */
  baseUrls: Record<string, string>
  targets: ProxyTarget[]
  report(): DriftReport
  /** Stops listening, after the recordings in flight are written. */
  close(): Promise<void>
}

export const defaultProxyPort = 4020
export const defaultMaxBodyBytes = 1024 * 1024
export const defaultTimeoutMs = 30_000

/** The vendor answered nothing usable: the reason, as a kit error. */
function upstreamError(error: NodeJS.ErrnoException, target: ProxyTarget, timeoutMs: number): KitError {
  if (error.code === 'MOCKDESK_TIMEOUT') {
    return new KitError('MOCKDESK_PROXY_UPSTREAM_TIMEOUT', `${target.base.origin} did not answer within ${timeoutMs} ms.`, 'Check that the vendor is reachable, or raise the limit with --timeout <ms>.', { target: target.base.origin })
  }
  return new KitError('MOCKDESK_PROXY_UPSTREAM_FAILED', `The proxy could not get an answer from ${target.base.origin}: ${error.code ?? error.message}.`, 'Check the --target URL and that the vendor (or stand-in) is running and reachable from this machine.', {
    target: target.base.origin,
  })
}

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

  const track = (promise: Promise<unknown>) => {
    pending.add(promise)
    void promise.finally(() => pending.delete(promise)).catch(() => {})
  }

  const mountOf = (path: string) =>
    targets.find((t) => t.mount === '' || path === t.mount || path.startsWith(`${t.mount}/`) || path.startsWith(`${t.mount}?`))

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const started = performance.now()
    const startedAt = new Date()
    const rawUrl = req.url ?? '/'
    const method = req.method ?? 'GET'
    const url = new URL(rawUrl, 'http://proxy.invalid')

    if (url.pathname === controlPrefix || url.pathname.startsWith(`${controlPrefix}/`)) {
      const refusal = controlRefusal(req, options.adminToken)
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

    const body = await readBody(req, maxBodyBytes)
    const rest = rawUrl.slice(target.mount.length) || '/'
    const relative = new URL(rest.startsWith('/') ? rest : `/${rest}`, 'http://proxy.invalid')
    const path = relative.pathname
    const loggedPath = redactor.url(`${target.mount}${path}${relative.search}`)
    const headers = headerRecord(req.rawHeaders)
    // A CORS preflight is the browser's, not the app's: forwarded as it is, checked and counted never.
    const preflight = isPreflight({ method, headers: new Headers(headers) } as Request)
    const match = preflight ? undefined : target.matcher.match(method, path)
    const requestViolations: Violation[] = preflight
      ? []
      : match
      ? await checkRequest(target.spec, match.operation, match.params, { method, path, query: relative.searchParams, headers, body: decoded(body, headers['content-encoding']) }, redactor)
      : [{ side: 'request', kind: 'undocumented-operation', in: 'operation', pointer: path, documented: target.matcher.hasPath(path) ? 'other methods on this path' : 'no such path', received: `${method} ${redactor.url(path)}` }]

    let finished = false
    const finish = (status: number | undefined, answered: number, check?: ResponseCheck, responseHeaders?: Record<string, string>, note?: string) => {
      // Once per exchange, whichever of the response's end or a broken connection comes first.
      if (finished) return { seq, ms: 0 }
      finished = true
      const violations = [...requestViolations, ...(check?.violations ?? [])]
      const ms = Math.round(performance.now() - started)
      logger.exchange({ seq: ++seq, api: target.api, method, path: loggedPath, operationId: match?.operation.id, status, answered, ms, violations, note: note ?? (preflight ? 'CORS preflight: not checked' : undefined) })
      if (!preflight) drift.record(target.api, { operation: match?.operation, method, path: loggedPath.slice(target.mount.length).split('?')[0]!, status, violations, responseHeaders, documented: check?.documented, fields: check?.fields })
      return { seq, ms }
    }

    if (options.errors && requestViolations.length > 0) {
      const error = new KitError(
        'MOCKDESK_PROXY_INVALID_REQUEST',
        `The request breaks the ${target.api} spec${match ? ` for ${match.operation.id}` : ''}; it was not forwarded.`,
        'Fix the request as the violations say (or run the proxy without --errors to forward it anyway and only log).',
        { violations: requestViolations },
      )
      finish(undefined, error.status, undefined, undefined, 'not forwarded: --errors')
      return answer(error)
    }

    const forwardHeaders = endToEndHeaders(req.rawHeaders, ['host', 'content-length', 'expect'])
    forwardHeaders.push('Host', target.base.host)
    if (body.byteLength > 0 || req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined) forwardHeaders.push('Content-Length', String(body.byteLength))
    const basePath = target.base.pathname.replace(/\/$/, '')
    const upstreamPath = `${basePath}${rest.startsWith('/') ? rest : `/${rest}`}`
    const send_ = target.base.protocol === 'https:' ? httpsRequest : httpRequest

    await new Promise<void>((resolve) => {
      const upstream = send_({
        protocol: target.base.protocol,
        hostname: target.base.hostname.replace(/^\[|\]$/g, ''),
        port: target.base.port || undefined,
        method,
        path: upstreamPath,
        headers: forwardHeaders as unknown as Record<string, string>,
        setHost: false,
      })
      upstream.setTimeout(timeoutMs, () => upstream.destroy(Object.assign(new Error('timeout'), { code: 'MOCKDESK_TIMEOUT' })))
      res.once('close', () => {
        if (!res.writableFinished) upstream.destroy()
      })
      upstream.once('error', (error: NodeJS.ErrnoException) => {
        if (res.headersSent) {
          // The vendor broke off mid-body: the app must see a broken response, not a short one.
          finish(undefined, 0, undefined, undefined, `the vendor broke off: ${error.code ?? error.message}`)
          res.destroy()
          return resolve()
        }
        const kit = upstreamError(error, target, timeoutMs)
        finish(undefined, kit.status, undefined, undefined, kit.message)
        void answer(kit).then(resolve, resolve)
      })
      upstream.once('response', (incoming) => {
        const status = incoming.statusCode ?? 502
        const responseRaw = endToEndHeaders(incoming.rawHeaders)
        const responseHeaders = headerRecord(responseRaw)
        const chunks: Buffer[] = []
        let size = 0
        let overflow = false
        const streaming = !options.errors
        const writeHead = () => res.writeHead(status, incoming.statusMessage, responseRaw)
        if (streaming) {
          writeHead()
          incoming.pipe(res)
        }
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.byteLength
          if (size <= maxBodyBytes) return void chunks.push(chunk)
          if (!overflow && !streaming) {
            // Too large to hold for checking: pass it on unchecked rather than refuse the vendor's answer.
            writeHead()
            for (const held of chunks) res.write(held)
            incoming.pipe(res)
            res.write(chunk)
          }
          overflow = true
        })
        incoming.once('end', async () => {
          const raw = Buffer.concat(chunks)
          const responseBody = overflow || method === 'HEAD' ? undefined : decoded(raw, responseHeaders['content-encoding'])
          const check = match ? await checkResponse(match.operation, { status, headers: responseHeaders, body: responseBody }, redactor).catch(() => undefined) : undefined
          const note = overflow ? `body over ${maxBodyBytes} bytes: not checked` : undefined
          const violations = check?.violations ?? []
          let answered = status
          if (!streaming && !overflow) {
            if (violations.length > 0) {
              const error = new KitError(
                'MOCKDESK_PROXY_INVALID_RESPONSE',
                `The ${target.api} vendor answered ${status} in a way the spec does not document${match ? ` for ${match.operation.id}` : ''}.`,
                'Either the vendor drifted from the spec (see GET /__mockdesk/drift, and update specs/) or the spec is wrong; run without --errors to pass such answers through and only log them.',
                { vendorStatus: status, violations },
              )
              answered = error.status
              await answer(error)
            } else {
              writeHead()
              res.end(raw)
            }
          }
          const { seq: number, ms } = finish(status, answered, check, responseHeaders, note)
          if (recorder) {
            track(
              recorder
                .write({
                  api: target.api,
                  operationId: match?.operation.id,
                  seq: number,
                  startedAt,
                  ms,
                  request: { method, url: `${target.base.origin}${upstreamPath}`, headers: pairs(forwardHeaders), body, contentType: headers['content-type'] },
                  response: { status, statusText: incoming.statusMessage ?? '', headers: pairs(responseRaw), body: responseBody, contentType: responseHeaders['content-type'] },
                })
                .catch((error) => logger.info(`mockdesk proxy: could not write the recording: ${error instanceof Error ? error.message : error}`)),
            )
          }
          resolve()
        })
        incoming.once('error', (error: NodeJS.ErrnoException) => {
          // The vendor broke off mid-body. Streaming: the app must see a broken answer, not a
          // short one. Holding (--errors): nothing was sent yet, so it gets the reason.
          const kit = upstreamError(error, target, timeoutMs)
          finish(status, res.headersSent ? 0 : kit.status, undefined, undefined, `the vendor broke off mid-body: ${error.code ?? error.message}`)
          if (res.headersSent) res.destroy()
          else return void answer(kit).then(resolve, resolve)
          resolve()
        })
      })
      upstream.end(body)
    })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      const kit = kitErrorFrom(error)
      if (res.headersSent) return res.destroy()
      if (kit.code === 'MOCKDESK_BODY_TOO_LARGE') res.shouldKeepAlive = false
      void send(res, kit.toResponse()).catch(() => res.destroy())
    })
  })
  // Like the server's: a client that sends its request too slowly is cut off.
  server.requestTimeout = timeoutMs + 10_000
  server.headersTimeout = Math.min(60_000, server.requestTimeout)

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? defaultProxyPort, options.host ?? '127.0.0.1', () => resolve())
  })
  const { address, port } = server.address() as AddressInfo
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`
  return {
    url,
    baseUrls: Object.fromEntries(targets.map((t) => [t.api, `${url}${t.mount}`])),
    targets,
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
