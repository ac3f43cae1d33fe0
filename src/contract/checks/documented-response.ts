/** The response an operation documents for a status (or its `default`), as the checks read it. */
import type { ResponseSpec, SpecOperation } from '../spec.ts'

export function documentedResponse(operation: SpecOperation, status: number): ResponseSpec | undefined {
  return operation.responses[String(status)] ?? operation.responses[`${String(status)[0]}XX`] ?? operation.responses.default
}

export const documentedStatuses = (operation: SpecOperation) => Object.keys(operation.responses).join(', ')

export const mediaTypeOf = (headers: Headers) => headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? ''

/** The response body, shortened for a report. */
export const excerpt = (text: string, length = 300) => (text.length > length ? `${text.slice(0, length)}…` : text) || '(empty body)'
