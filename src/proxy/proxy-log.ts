/**
 * Where the proxy tells what it saw: one entry per exchange. A small interface, so a structured
 * logger (pino, ...) can take the place of these two without touching the proxy. Entries carry
 * only redacted data: no header values, masked paths, masked examples.
 */
import { describeViolation, type Violation } from './violation.ts'

export interface ExchangeLogEntry {
  seq: number
  api: string
  method: string
  /** The path and query as the app sent them, redacted. */
  path: string
  operationId?: string
  /** The vendor's status; absent when the request was not forwarded or no answer came. */
  status?: number
  /** The status the app received (differs with --errors or on an upstream failure). */
  answered: number
  ms: number
  violations: Violation[]
  /** Why the answer is not the vendor's, when it is not. */
  note?: string
}

export interface ProxyLogger {
  exchange(entry: ExchangeLogEntry): void
  info(message: string): void
}

export function textLogger(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): ProxyLogger {
  return {
    exchange(e) {
      const status = e.status === undefined ? `→ ${e.answered} (not from the vendor)` : e.answered === e.status ? `→ ${e.status}` : `→ ${e.status}, answered ${e.answered}`
      const verdict = e.violations.length === 0 ? 'ok' : `${e.violations.length} violation${e.violations.length === 1 ? '' : 's'}`
      const lines = [`#${e.seq} ${e.api} ${e.method} ${e.path} ${status} ${e.operationId ?? '(undocumented operation)'} ${e.ms} ms: ${verdict}${e.note ? ` (${e.note})` : ''}`]
      for (const violation of e.violations) lines.push(`    ${describeViolation(violation)}`)
      write(lines.join('\n'))
    },
    info: write,
  }
}

/** One JSON object per line, for machines. */
export function jsonLogger(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): ProxyLogger {
  return {
    exchange: (entry) => write(JSON.stringify({ type: 'exchange', ...entry })),
    info: (message) => write(JSON.stringify({ type: 'info', message })),
  }
}

export const silentLogger: ProxyLogger = { exchange() {}, info() {} }
