/**
 * How every Omnidesk handler is declared: typed by its operation, and with refusals thrown from
 * the domain code (`refuse(...)`) answered as Omnidesk's 400 error.
 */
import type { RouteHandler } from '../../../core/define-api.ts'
import type { operations } from '../../../generated/omnidesk.ts'
import type { Principal } from '../auth.ts'
import { errorResponse, Refusal } from '../errors.ts'
import type { Store } from '../store.ts'

export type Handler<Op extends keyof operations> = RouteHandler<operations[Op], Store, Principal>

export function handler<Op extends keyof operations>(handle: Handler<Op>): Handler<Op> {
  const refused = (error: unknown) => {
    if (error instanceof Refusal) return errorResponse(400, error.message)
    throw error
  }
  // A handler that answers synchronously stays synchronous: the response cache only keeps
  // answers built in one synchronous run (src/core/collection-version.ts).
  return (context) => {
    try {
      const answer = handle(context)
      return answer instanceof Promise ? answer.catch(refused) : answer
    } catch (error) {
      return refused(error)
    }
  }
}

/** Omnidesk's answer to a write: `{"type":"result","message":"..."}`. */
export const result = (message: string) => ({ type: 'result' as const, message })
