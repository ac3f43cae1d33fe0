/**
 * `mockdesk serve`'s request lines, through pino: one line per request answered (time, session,
 * method, path, status, ms, and the delay or fault the behaviour stage applied), as text for
 * people (pino-pretty) or as JSON lines for machines. The events are the request log's, so
 * `/__mockdesk/requests` and the sandbox page show the same ones. With sessions, every world's
 * requests are logged, each labelled with its session; the default world's carry no label.
 */
import { pino, type Logger } from 'pino'
import { PinoPretty } from 'pino-pretty'
import type { LoggedRequest } from '../core/request-log.ts'
import { defaultSessionName } from './sessions/session-name.ts'

export type LogFormat = 'text' | 'json'

export function createLogger(format: LogFormat, destination: NodeJS.WritableStream = process.stdout): Logger {
  if (format === 'json') return pino({ base: undefined }, destination)
  return pino(
    { base: undefined },
    PinoPretty({
      destination,
      sync: true,
      colorize: false,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'level,pid,hostname',
      hideObject: true,
      messageFormat: (log) => (log.kind === 'request' ? requestLine(log as unknown as LoggedRequest) : String(log.msg)),
    }),
  )
}

/** `GET /toptickets/v1/customers?limit=2 200 3ms delay 200ms fault reset session ada`. */
function requestLine(entry: LoggedRequest): string {
  const extras = [
    entry.delay ? `delay ${entry.delay}ms` : '',
    entry.fault ? `fault ${entry.fault}` : '',
    entry.session ? `session ${entry.session}` : '',
  ].filter(Boolean)
  return [entry.method.padEnd(6), entry.path, entry.status === 0 ? '---' : entry.status, `${entry.ms}ms`, ...extras].join(' ')
}

/**
 * Logs each request as it is recorded (give it `mockdesk.allRequests` for every world's); returns
 * the unsubscribe.
 */
export function logRequests(log: { subscribe(listener: (entry: LoggedRequest) => void): () => void }, logger: Logger): () => void {
  return log.subscribe(({ seq, at: _at, session, ...entry }) =>
    logger.info({ kind: 'request', seq, ...entry, ...(session !== undefined && session !== defaultSessionName && { session }) }, 'request'),
  )
}
