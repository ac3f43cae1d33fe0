/** A failed check, with what a person needs to act on it. */
export type Severity = 'critical' | 'high' | 'medium' | 'low'

export interface Failure {
  check: string
  /** `GET /customers/{customer_id}` */
  operation: string
  operationId: string
  title: string
  received: string
  documented: string
  severity: Severity
  /** A curl command that sends the same request (credentials as environment variables); one per line for a sequence. */
  curl: string
  /** For a failure of the generative phase: the smallest example or shortest sequence that still fails. */
  example?: string
}

/** What a check returns: failures, or `undefined` when the check does not apply to the exchange. */
export type CheckResult = Array<Omit<Failure, 'check' | 'operation' | 'operationId' | 'curl'>> | undefined
