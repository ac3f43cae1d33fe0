/**
 * What keeps one greedy or slow client from taking the server down, around Node's http server:
 * - pipelined requests on a connection are answered one at a time, each only once the previous
 *   answer has left the process, so a client that never reads holds at most one answer in memory;
 *   past `pauseAt` waiting requests the connection is no longer read, past `maxPipelined` it is
 *   closed;
 * - header, whole-request (slow bodies included) and idle timeouts;
 * - CONNECT and protocol upgrades get a clear kit error instead of silence or a hung socket.
 */
import { STATUS_CODES, type IncomingMessage, type RequestListener, type Server, type ServerOptions } from 'node:http'
import type { Duplex } from 'node:stream'
import { KitError } from '../core/kit-error.ts'

export interface ConnectionLimits {
  /** Time to receive a request's headers (default 10 s). */
  headersMs?: number
  /** Time to receive a whole request, body included (default 30 s): a slow body gets a 408. */
  requestMs?: number
  /** A connection with no traffic either way for this long is closed (default 30 s). */
  idleMs?: number
  /** Requests that may wait on one connection before it is closed (default 128). */
  maxPipelined?: number
}

const defaults = { headersMs: 10_000, requestMs: 30_000, idleMs: 30_000, maxPipelined: 128 }

/** Options for http.createServer: Node enforces the header and request timeouts itself. */
export function serverOptions(limits: ConnectionLimits = {}): ServerOptions {
  const { headersMs, requestMs } = { ...defaults, ...limits }
  return {
    headersTimeout: headersMs,
    requestTimeout: Math.max(requestMs, headersMs),
    // How often Node looks for requests past those timeouts (its default, 30 s, would let a short timeout run long).
    connectionsCheckingInterval: Math.max(50, Math.min(headersMs, requestMs) / 4),
  }
}

interface Line {
  busy: boolean
  waiting: Array<() => void>
  paused: boolean
}

/** Wraps a request listener so each connection's requests are answered one after another. */
export function oneAtATime(listener: RequestListener, limits: ConnectionLimits = {}): RequestListener {
  const { maxPipelined } = { ...defaults, ...limits }
  const pauseAt = Math.max(1, Math.min(16, maxPipelined))
  const lines = new WeakMap<object, Line>()
  return (request, response) => {
    const socket = request.socket
    let line = lines.get(socket)
    if (!line) lines.set(socket, (line = { busy: false, waiting: [], paused: false }))
    const current = line
    const next = () => {
      const run = current.waiting.shift()
      if (current.paused && current.waiting.length < pauseAt / 2) {
        current.paused = false
        socket.resume()
      }
      if (run) run()
      else current.busy = false
    }
    const run = () => {
      current.busy = true
      // 'close' comes once the answer has been handed to the OS, or the connection is gone.
      response.once('close', next)
      void listener(request, response)
    }
    if (!current.busy) return run()
    if (current.waiting.length >= maxPipelined) {
      socket.destroy()
      return
    }
    current.waiting.push(run)
    if (!current.paused && current.waiting.length >= pauseAt) {
      current.paused = true
      socket.pause()
    }
  }
}

/** A kit error written straight to a socket that has left HTTP (CONNECT, Upgrade), then closed. */
async function refuseRaw(socket: Duplex, error: KitError) {
  const body = await error.toResponse().text()
  const head = [
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status]}`,
    'content-type: application/problem+json',
    `x-mockdesk-error: ${error.code}`,
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
  ]
  socket.on('error', () => {})
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`)
  // Whatever the client still sends is read and dropped, so the answer is not lost to a reset.
  socket.resume()
  setTimeout(() => socket.destroy(), 2000).unref()
}

/** Idle timeout, and answers for CONNECT and upgrades, on a created server. */
export function guardServer(server: Server, limits: ConnectionLimits = {}): void {
  const { idleMs } = { ...defaults, ...limits }
  // With no 'timeout' listener elsewhere, Node destroys a socket idle this long.
  server.setTimeout(idleMs)
  server.on('connect', (request: IncomingMessage, socket: Duplex) => {
    void refuseRaw(
      socket,
      new KitError('MOCKDESK_METHOD_NOT_ALLOWED', `mockdesk is not a proxy: CONNECT ${request.url} is not served.`, 'Call the mounted APIs directly at their base URLs (see /__mockdesk/health).'),
    )
  })
  server.on('upgrade', (request: IncomingMessage, socket: Duplex) => {
    void refuseRaw(
      socket,
      new KitError(
        'MOCKDESK_UNSUPPORTED_REQUEST',
        `mockdesk serves plain HTTP/1.1 only: it does not upgrade to "${request.headers.upgrade}".`,
        'Send the request without the Upgrade and Connection: upgrade headers.',
      ),
    )
  })
}
