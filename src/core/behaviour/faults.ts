/**
 * The faults mockdesk injects, built as web Responses so the same code runs in every runtime:
 *
 * | fault | HTTP server | msw (Node tests, service worker) |
 * |---|---|---|
 * | `reset` | the socket is reset (TCP RST) before any byte | `Response.error()`: the client's fetch fails (a worker cannot reset a TCP connection) |
 * | `empty` | the socket closes before any byte | `Response.error()` |
 * | `truncated` | status, headers (with the full Content-Length) and half the body, then the socket closes | the body stream errors after half the body |
 * | `malformed` | a complete answer, documented status, whose JSON body is cut and ends in garbage | the same |
 * | `hang` | nothing for `hangMs`, then the socket closes | nothing for `hangMs`, then `Response.error()` |
 * | `error` | the operation's documented 5xx or 429 answer, in bursts | the same |
 *
 * The socket-level ones carry a mark (`socketFaultOf`) that the HTTP server turns into what a
 * real network does; everywhere else the Response itself is the nearest thing the runtime can do.
 * An answer without a body (204) cannot be truncated or malformed: those close the connection
 * with no answer instead (`empty`).
 */
export type SocketFaultKind = 'reset' | 'empty' | 'truncated' | 'hang'

export interface SocketFault {
  kind: SocketFaultKind
  /** For `truncated`: what the server writes before it closes. */
  status?: number
  headers?: Headers
  /** The first part of the body only; the headers announce the whole. */
  partialBody?: Uint8Array
}

const socketFaultMark = Symbol.for('mockdesk.socket-fault')

/** The socket-level fault a response stands for, if any (the HTTP server acts it out). */
export function socketFaultOf(response: Response): SocketFault | undefined {
  return (response as { [socketFaultMark]?: SocketFault })[socketFaultMark]
}

function marked(response: Response, fault: SocketFault): Response {
  ;(response as { [socketFaultMark]?: SocketFault })[socketFaultMark] = fault
  return response
}

/** reset, empty, hang: no answer at all. */
export function connectionFault(kind: 'reset' | 'empty' | 'hang'): Response {
  return marked(Response.error(), { kind })
}

/** Half of the answer's body, then the connection drops. */
export async function truncatedResponse(response: Response): Promise<Response> {
  const body = new Uint8Array(await response.arrayBuffer())
  if (body.byteLength === 0) return connectionFault('empty')
  const partialBody = body.subarray(0, Math.floor(body.byteLength / 2))
  const headers = new Headers(response.headers)
  headers.set('content-length', String(body.byteLength))
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (partialBody.byteLength > 0) controller.enqueue(partialBody)
    },
    pull(controller) {
      controller.error(new TypeError('mockdesk: the connection closed mid-body (fault "truncated")'))
    },
  })
  return marked(new Response(stream, { status: response.status, headers }), { kind: 'truncated', status: response.status, headers, partialBody })
}

/** The same answer with a body that no JSON parser accepts: cut short, then garbage. */
export async function malformedResponse(response: Response): Promise<Response> {
  const text = await response.text()
  if (text.length === 0) return connectionFault('empty')
  const headers = new Headers(response.headers)
  headers.delete('content-length')
  return new Response(`${text.slice(0, Math.ceil(text.length / 2))}\u0000<!-- mockdesk: malformed -->`, { status: response.status, headers })
}
