/**
 * `mockdesk serve`'s request lines: one line per request answered (time, session, method, path,
 * status, ms, and the delay or fault the behaviour stage applied), as text for people or as JSON
 * lines for machines (through pino). The events are the request log's, so `/__mockdesk/requests`
 * and the sandbox page show the same ones. With sessions, every world's requests are logged, each
 * labelled with its session; the default world's carry no label. Other messages (config changes)
 * go through pino, as text through pino-pretty.
 */
import { pino, type Logger } from 'pino'
import { PinoPretty } from 'pino-pretty'
import type { LoggedRequest } from '../core/request-log.ts'
import { defaultSessionName } from './sessions/session-name.ts'

export type LogFormat = 'text' | 'json'

/**
 * The text loggers' request lines, written without pino: through pino each line was serialized to
 * JSON, parsed back and formatted by pino-pretty, and written with a system call of its own
 * (a CPU profile of the server under load: more than half its time). Each is formatted here as
 * pino-pretty formats it (`[HH:MM:ss.l]: message`, local time) and written with the others of the
 * same turn of the event loop (one system call per line cost more than the line itself).
 */
const textLines = new WeakMap<Logger, (line: string) => void>()

export function createLogger(format: LogFormat, destination: NodeJS.WritableStream = process.stdout): Logger {
  // JSON lines, requests' and messages' alike, also leave once per turn, in the order logged.
  if (format === 'json') return pino({ base: undefined }, { write: batchedLines(destination) })
  const logger = pino(
    { base: undefined },
    PinoPretty({
      destination,
      sync: true,
      colorize: false,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'level,pid,hostname',
      hideObject: true,
      messageFormat: (log) => String(log.msg),
    }),
  )
  textLines.set(logger, batchedLines(destination))
  return logger
}

/** One batch per destination (a restart under `serve --watch` makes a new logger for the same stdout). */
const batches = new WeakMap<NodeJS.WritableStream, (line: string) => void>()

/** Writes the lines given within one turn of the event loop together, at its end (and at exit). */
function batchedLines(destination: NodeJS.WritableStream): (line: string) => void {
  const known = batches.get(destination)
  if (known) return known
  let pending = ''
  const flush = () => {
    if (pending === '') return
    const chunk = pending
    pending = ''
    destination.write(chunk)
  }
  // process.stdout writes files and pipes synchronously: what is pending still leaves at exit.
  process.once('exit', flush)
  const add = (line: string) => {
    if (pending === '') setImmediate(flush)
    pending += line
  }
  batches.set(destination, add)
  return add
}

/** `GET /toptickets/v1/customers?limit=2 200 3ms delay 200ms fault reset session ada`. */
function requestLine(entry: Omit<LoggedRequest, 'seq' | 'at'>): string {
  let line = `${entry.method.padEnd(6)} ${entry.path} ${entry.status === 0 ? '---' : entry.status} ${entry.ms}ms`
  if (entry.delay) line += ` delay ${entry.delay}ms`
  if (entry.fault) line += ` fault ${entry.fault}`
  if (entry.session) line += ` session ${entry.session}`
  return line
}

/** pino-pretty's `SYS:HH:MM:ss.l`: local time of day to the millisecond, reused within one. */
let lastMs = Number.NaN
let lastTime = ''
function timeOfDay(ms: number): string {
  if (ms !== lastMs) {
    const date = new Date(ms)
    const two = (n: number) => String(n).padStart(2, '0')
    lastTime = `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`
    lastMs = ms
  }
  return lastTime
}

/**
 * Logs each request as it is recorded (give it `mockdesk.allRequests` for every world's); returns
 * the unsubscribe.
 */
export function logRequests(log: { subscribe(listener: (entry: LoggedRequest) => void): () => void }, logger: Logger): () => void {
  const text = textLines.get(logger)
  return log.subscribe(({ seq, at: _at, session, ...entry }) => {
    const named = session !== undefined && session !== defaultSessionName ? session : undefined
    if (text) text(`[${timeOfDay(Date.now())}]: ${requestLine({ ...entry, session: named })}\n`)
    else logger.info({ kind: 'request', seq, ...entry, ...(named !== undefined && { session: named }) }, 'request')
  })
}
