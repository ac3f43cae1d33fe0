/**
 * What keeps one greedy or slow client from taking the server down, around Node's http server:
 * - pipelined requests on a connection are answered one at a time, each only once the previous
 *   answer has left the process, so a client that never reads holds at most one answer in memory,
 *   and waiting requests of all connections take turns, so they cannot starve other clients;
 *   past `pauseAt` waiting requests the connection is no longer read, past `maxPipelined` it is
 *   closed;
 * - header, whole-request (slow bodies included) and idle timeouts;
 * - CONNECT and protocol upgrades get a clear kit error instead of silence or a hung socket.
 */
import { STATUS_CODES, type IncomingMessage, type RequestListener, type Server, type ServerOptions, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { KitError } from '../core/kit-error.ts'

export interface ConnectionLimits {
  /** Time to receive a request's headers (default 10 s). */
  headersMs?: number
  /** Time to receive a whole request, body included (default 30 s): a slow body gets a 408. */
  requestMs?: number
  /** A connection with no traffic either way for this long is closed (default 30 s). */
  idleMs?: number
  /**
   * Requests that may wait on one connection behind the one being answered before the connection
   * is closed (default 16). Browsers and common clients do not pipeline at all; a client that
   * sends far ahead without reading only makes the server do work nobody reads.
   */
  maxPipelined?: number
}

const defaults = { headersMs: 10_000, requestMs: 30_000, idleMs: 30_000, maxPipelined: 16 }

/** The limits with defaults for what is not given; headers never get longer than the whole request. */
function settle(limits: ConnectionLimits = {}): Required<ConnectionLimits> {
  const given = Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined))
  const settled = { ...defaults, ...given }
  return { ...settled, headersMs: Math.min(settled.headersMs, settled.requestMs) }
}

/** Options for http.createServer: Node enforces the header and request timeouts itself. */
export function serverOptions(limits: ConnectionLimits = {}): ServerOptions {
  const { headersMs, requestMs, idleMs } = settle(limits)
  return {
    // Node's own idle limit between keep-alive requests (default 5 s) replaces the socket's timeout.
    keepAliveTimeout: Math.min(5000, idleMs),
    headersTimeout: headersMs,
    requestTimeout: requestMs,
    // How often Node looks for requests past those timeouts (its default, 30 s, would let a short timeout run long).
    connectionsCheckingInterval: Math.max(50, Math.min(headersMs, requestMs) / 4),
  }
}

interface Line {
  /** The answer being given on this connection (it may have finished since: `writableFinished`). */
  answering: ServerResponse | undefined
  /** Whether `next` waits for `answering` to close. */
  listening: boolean
  /** A waiting request has been given its turn (`later`) and has not started yet. */
  handing: boolean
  waiting: Array<() => void>
  paused: boolean
  /** Starts the next waiting request, once `answering` has closed. */
  next: () => void
}

const lineOf = Symbol('mockdesk.connection-line')

/**
 * Wraps a request listener so each connection's requests are answered one after another.
 * Most clients never pipeline: a request that arrives once the previous answer has been handed to
 * the OS (`writableFinished`) runs at once, with no listener on its answer. Only a request that
 * arrives while an answer is still being given waits, and only then is that answer's 'close'
 * watched (a listener per request was a measurable share of a repeated read's CPU time).
 */
export function oneAtATime(listener: RequestListener, limits: ConnectionLimits = {}): RequestListener {
  const { maxPipelined } = settle(limits)
  const pauseAt = Math.max(1, Math.min(4, maxPipelined))
  // Requests that waited behind another on their connection run one per turn of the event loop,
  // across all connections. When a client's kernel buffers swallow answers as fast as they are
  // made, its next request would otherwise start in the same turn, and a few pipelining clients
  // could keep every other client waiting; this way a new request waits for one answer at most.
  const turns: Array<() => void> = []
  let scheduled = false
  const takeTurn = () => {
    try {
      turns.shift()?.()
    } finally {
      scheduled = turns.length > 0
      if (scheduled) setImmediate(takeTurn)
    }
  }
  const later = (run: () => void) => {
    turns.push(run)
    if (!scheduled) {
      scheduled = true
      setImmediate(takeTurn)
    }
  }
  const lineFor = (socket: Socket & { [lineOf]?: Line }): Line => {
    const line: Line = {
      answering: undefined,
      listening: false,
      handing: false,
      waiting: [],
      paused: false,
      next() {
        line.listening = false
        // A closed connection's waiting requests can never be answered: drop them undone.
        if (socket.destroyed) line.waiting.length = 0
        const run = line.waiting.shift()
        if (line.paused && line.waiting.length < pauseAt / 2) {
          line.paused = false
          socket.resume()
        }
        line.handing = run !== undefined
        if (run) later(run)
        else line.answering = undefined
      },
    }
    socket[lineOf] = line
    return line
  }
  return (request, response) => {
    const socket = request.socket as Socket & { [lineOf]?: Line }
    const line = socket[lineOf] ?? lineFor(socket)
    const run = () => {
      line.handing = false
      if (socket.destroyed) return line.next()
      line.answering = response
      // More requests already wait behind this one: the next starts once this answer has closed.
      if (line.waiting.length > 0) {
        line.listening = true
        response.once('close', line.next)
      }
      void listener(request, response)
    }
    // Nothing can be answered on a closed connection.
    if (socket.destroyed) return
    const answering = line.answering
    const free = !line.handing && line.waiting.length === 0 && (answering === undefined || answering.writableFinished)
    if (free) return run()
    if (line.waiting.length >= maxPipelined) {
      socket.destroy()
      return
    }
    line.waiting.push(run)
    // Watched from the first request that waits (a handed-on turn's answer is watched once it starts).
    if (!line.listening && !line.handing && answering !== undefined) {
      line.listening = true
      answering.once('close', line.next)
    }
    if (!line.paused && line.waiting.length >= pauseAt) {
      line.paused = true
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

/**
 * Closes connections on which nothing has moved either way for `idleMs` (a client that stopped
 * reading an answer, or stalled otherwise), by looking at every connection's byte counts a few
 * times per `idleMs`. Node's own socket timeout (`server.setTimeout`) does the same with a timer
 * per connection that every read and write re-arms, and every request set again: a measurable
 * share of a repeated read's CPU time. Waiting for headers, for a body, and idling between
 * requests keep Node's own limits (serverOptions).
 */
function closeIdleConnections(server: Server, idleMs: number) {
  const connections = new Map<Socket, { moved: number; since: number }>()
  server.on('connection', (socket: Socket) => {
    connections.set(socket, { moved: -1, since: Date.now() })
    socket.once('close', () => connections.delete(socket))
  })
  const sweep = setInterval(() => {
    const now = Date.now()
    for (const [socket, seen] of connections) {
      // bytesWritten counts what is queued too: an answer nobody reads stops it moving.
      const moved = socket.bytesRead + socket.bytesWritten
      if (moved !== seen.moved) {
        seen.moved = moved
        seen.since = now
      } else if (now - seen.since >= idleMs) {
        socket.destroy()
      }
    }
  }, Math.max(25, Math.floor(idleMs / 4)))
  sweep.unref()
  server.once('close', () => clearInterval(sweep))
}

/** Idle timeout, and answers for CONNECT and upgrades, on a created server. */
export function guardServer(server: Server, limits: ConnectionLimits = {}): void {
  const { idleMs } = settle(limits)
  closeIdleConnections(server, idleMs)
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
