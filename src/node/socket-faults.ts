/**
 * The HTTP server acts out the faults that only a socket can produce (see
 * src/core/behaviour/faults.ts): a real TCP reset, a connection closed before any byte, headers
 * and half a body followed by a close. The fetch app only marks such responses; this is where
 * they reach the network.
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http'
import type { SocketFault } from '../core/behaviour/faults.ts'

export function actOutSocketFault(fault: SocketFault, incoming: IncomingMessage): void {
  const socket = incoming.socket
  if (fault.kind === 'reset') {
    socket.resetAndDestroy()
    return
  }
  if (fault.kind === 'truncated' && fault.status && fault.headers && fault.partialBody) {
    // Written to the socket directly: node's ServerResponse would complete the body it announced.
    const head = [`HTTP/1.1 ${fault.status} ${STATUS_CODES[fault.status] ?? ''}`, ...[...fault.headers].map(([name, value]) => `${name}: ${value}`), 'connection: close', '', ''].join('\r\n')
    socket.write(head)
    socket.end(fault.partialBody, () => socket.destroy())
    return
  }
  socket.destroy()
}

/**
 * What the fetch adapter is given once the fault is acted out: an answer that never comes, so it
 * writes nothing more to the closed socket (nothing holds the promise, so it is collected).
 */
export const noAnswer = () => new Promise<Response>(() => {})
