/** What the suite sent, what came back, and what the request was meant to test. */
import type { Secret } from './credentials.ts'
import type { SpecOperation } from './spec.ts'
import type { WrittenField } from './values/written-fields.ts'

export type ExchangeKind =
  /** A request built from the spec that the server should accept. */
  | 'valid'
  /** A documented example request whose data may not exist on this server: conformance only. */
  | 'example'
  | 'no-auth'
  | 'wrong-auth'
  /** A request that breaks the spec on purpose (see `mutation`). */
  | 'invalid'
  /** A read of a resource the suite just created. */
  | 'read-after-create'
  /** A read of a resource the suite just deleted. */
  | 'read-after-delete'
  /** A request about a record that cannot exist (a well-formed id no record has). */
  | 'unknown-id'
  /** A credential without a scope the operation needs (see `role`). */
  | 'forbidden'
  /** A credential with every scope the operation needs (see `role`). */
  | 'permitted'
  /** One page of a pagination walk; the last one carries the `walk`. */
  | 'page'
  /**
   * A request the generative phase built from the schemas: valid, but judged on conformance (and
   * on what a write shows), not on acceptance, since schemas cannot state every business rule
   * (a referenced record that must exist, a phone number a channel type needs).
   */
  | 'generated'

export interface SentRequest {
  method: string
  url: string
  headers: Record<string, string>
  /** The body as sent: text for JSON and urlencoded, fields for multipart. */
  body?: { mediaType: string; text?: string; fields?: Record<string, string> }
}

export interface ReceivedResponse {
  /** 0 when no response arrived (see `error`). */
  status: number
  headers: Headers
  text: string
  json?: unknown
  error?: string
}

export interface Walk {
  pages: Array<{ url: string; itemIds: string[]; size: number; requested?: number }>
  /** Another walk over the same list with a different page size, to reveal gaps. */
  control?: string[]
  total?: number
  complete: boolean
  note?: string
}

export interface Exchange {
  operation: SpecOperation
  kind: ExchangeKind
  /** What this request tries, in words: "missing required field body.email". */
  description: string
  request: SentRequest
  response: ReceivedResponse
  walk?: Walk
  /** The status asked for with `Prefer: code=`, if any: answering it is not a fault. */
  preferred?: number
  /**
   * The fields a create or update sent, which this response (the write's answer, or a later
   * read of the record) should show: the write-persistence check compares them.
   */
  written?: { fields: WrittenField[]; by: string; textual: boolean }
  /** The name of the credential a permission probe used. */
  role?: string
  /** The credentials in the request, so a repro curl can mask them. */
  secrets?: Secret[]
  /**
   * A failure the generative phase found, shrunk: the smallest example (or shortest sequence)
   * that still fails, in words, and the requests sent before this one in that sequence.
   */
  generated?: { example: string; before: SentRequest[]; secrets: Secret[] }
}
