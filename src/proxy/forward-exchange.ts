/**
 * One exchange through the proxy: read the app's request (bounded), check it against its
 * operation, forward it unchanged, stream the vendor's answer back (or hold it for checking with
 * `errors`), check it, then log it, count it for the drift report and record it. Whatever
 * happens, the exchange is logged once.
 */
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isPreflight } from '../core/cors.ts'
import { KitError } from '../core/kit-error.ts'
import { checkRequest } from './check-request.ts'
import { checkResponse, type ResponseCheck } from './check-response.ts'
import type { DriftRecorder } from './drift.ts'
import type { HarRecorder } from './har.ts'
import { decoded, endToEndHeaders, headerRecord, pairs, readBody } from './http-forward.ts'
import type { ProxyLogger } from './proxy-log.ts'
import type { Redactor } from './redact.ts'
import type { ProxyTarget } from './targets.ts'
import type { Violation } from './violation.ts'

/** What every exchange of one proxy shares. */
export interface ExchangeContext {
  errors: boolean
  maxBodyBytes: number
  timeoutMs: number
  redactor: Redactor
  drift: DriftRecorder
  recorder?: HarRecorder
  logger: ProxyLogger
  /** The next exchange number, 1, 2, ... */
  nextSeq(): number
  /** Keeps a pending write, so closing the proxy waits for it. */
  track(promise: Promise<unknown>): void
}

/** The vendor answered nothing usable: the reason, as a kit error. */
function upstreamError(error: NodeJS.ErrnoException, target: ProxyTarget, timeoutMs: number): KitError {
  if (error.code === 'MOCKDESK_TIMEOUT') {
    return new KitError('MOCKDESK_PROXY_UPSTREAM_TIMEOUT', `${target.base.origin} did not answer within ${timeoutMs} ms.`, 'Check that the vendor is reachable, or raise the limit with --timeout <ms>.', { target: target.base.origin })
  }
  return new KitError('MOCKDESK_PROXY_UPSTREAM_FAILED', `The proxy could not get an answer from ${target.base.origin}: ${error.code ?? error.message}.`, 'Check the --target URL and that the vendor (or stand-in) is running and reachable from this machine.', {
    target: target.base.origin,
  })
}

export async function forwardExchange(
  context: ExchangeContext,
  target: ProxyTarget,
  req: IncomingMessage,
  res: ServerResponse,
  /** Sends mockdesk's own error to the app (with CORS for a browser app). */
  answer: (error: KitError) => Promise<void>,
): Promise<void> {
  const started = performance.now()
  const startedAt = new Date()
  const rawUrl = req.url ?? '/'
  const method = req.method ?? 'GET'
  const body = await readBody(req, context.maxBodyBytes)
  const rest = rawUrl.slice(target.mount.length) || '/'
  const relative = new URL(rest.startsWith('/') ? rest : `/${rest}`, 'http://proxy.invalid')
  const path = relative.pathname
  const loggedPath = context.redactor.url(`${target.mount}${path}${relative.search}`)
  const headers = headerRecord(req.rawHeaders)
  // A CORS preflight is the browser's, not the app's: forwarded as it is, checked and counted never.
  const preflight = isPreflight({ method, headers: new Headers(headers) } as Request)
  const match = preflight ? undefined : target.matcher.match(method, path)
  const requestViolations: Violation[] = preflight
    ? []
    : match
    ? await checkRequest(target.spec, match.operation, match.params, { method, path, query: relative.searchParams, headers, body: decoded(body, headers['content-encoding']) }, context.redactor)
    : [{ side: 'request', kind: 'undocumented-operation', in: 'operation', pointer: path, documented: target.matcher.hasPath(path) ? 'other methods on this path' : 'no such path', received: `${method} ${context.redactor.url(path)}` }]

  let finished = false
  const finish = (status: number | undefined, answered: number, check?: ResponseCheck, responseHeaders?: Record<string, string>, note?: string) => {
    // Once per exchange, whichever of the response's end or a broken connection comes first.
    if (finished) return { seq: 0, ms: 0 }
    finished = true
    const seq = context.nextSeq()
    const violations = [...requestViolations, ...(check?.violations ?? [])]
    const ms = Math.round(performance.now() - started)
    context.logger.exchange({ seq, api: target.api, method, path: loggedPath, operationId: match?.operation.id, status, answered, ms, violations, note: note ?? (preflight ? 'CORS preflight: not checked' : undefined) })
    if (!preflight) context.drift.record(target.api, { operation: match?.operation, method, path: loggedPath.slice(target.mount.length).split('?')[0]!, status, violations, responseHeaders, documented: check?.documented, fields: check?.fields })
    return { seq, ms }
  }

  if (context.errors && requestViolations.length > 0) {
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
  const request = target.base.protocol === 'https:' ? httpsRequest : httpRequest

  await new Promise<void>((resolve) => {
    const upstream = request({
      protocol: target.base.protocol,
      hostname: target.base.hostname.replace(/^\[|\]$/g, ''),
      port: target.base.port || undefined,
      method,
      path: upstreamPath,
      headers: forwardHeaders as unknown as Record<string, string>,
      setHost: false,
    })
    upstream.setTimeout(context.timeoutMs, () => upstream.destroy(Object.assign(new Error('timeout'), { code: 'MOCKDESK_TIMEOUT' })))
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
      const kit = upstreamError(error, target, context.timeoutMs)
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
      const streaming = !context.errors
      const writeHead = () => res.writeHead(status, incoming.statusMessage, responseRaw)
      if (streaming) {
        writeHead()
        incoming.pipe(res)
      }
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.byteLength
        if (size <= context.maxBodyBytes) return void chunks.push(chunk)
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
        const check = match ? await checkResponse(match.operation, { status, headers: responseHeaders, body: responseBody }, context.redactor).catch(() => undefined) : undefined
        const note = overflow ? `body over ${context.maxBodyBytes} bytes: not checked` : undefined
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
        const recorder = context.recorder
        if (recorder) {
          context.track(
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
              .catch((error: unknown) => context.logger.info(`mockdesk proxy: could not write the recording: ${error instanceof Error ? error.message : error}`)),
          )
        }
        resolve()
      })
      incoming.once('error', (error: NodeJS.ErrnoException) => {
        // The vendor broke off mid-body. Streaming: the app must see a broken answer, not a
        // short one. Holding (--errors): nothing was sent yet, so it gets the reason.
        const kit = upstreamError(error, target, context.timeoutMs)
        finish(status, res.headersSent ? 0 : kit.status, undefined, undefined, `the vendor broke off mid-body: ${error.code ?? error.message}`)
        if (res.headersSent) res.destroy()
        else return void answer(kit).then(resolve, resolve)
        resolve()
      })
    })
    upstream.end(body)
  })
}
