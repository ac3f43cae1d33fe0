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
  return async (context) => {
    try {
      return await handle(context)
    } catch (error) {
      if (error instanceof Refusal) return errorResponse(400, error.message)
      throw error
    }
  }
}

/** Omnidesk's answer to a write: `{"type":"result","message":"..."}`. */
export const result = (message: string) => ({ type: 'result' as const, message })
