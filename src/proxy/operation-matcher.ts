/**
 * Finds the spec operation a request is for, from its method and its path below the target's
 * base URL. Literal segments win over templated ones (`/customers/search` before
 * `/customers/{id}`), as the vendors' routers do.
 */
import type { SpecOperation } from '../contract/spec.ts'
import { pathParams } from '../core/path-params.ts'

interface Route {
  operation: SpecOperation
  pattern: RegExp
  names: string[]
  /** Fewer templated segments first. */
  templated: number
}

export interface MatchedOperation {
  operation: SpecOperation
  /** Path parameters by name, percent-decoded. */
  params: Record<string, string>
}

export class OperationMatcher {
  readonly #routes: Route[]

  constructor(operations: SpecOperation[]) {
    this.#routes = operations
      .map((operation) => {
        const names: string[] = []
        const source = operation.path
          .replace(/\/$/, '')
          .split(/(\{[^}]+\})/)
          .map((part) => {
            const name = /^\{([^}]+)\}$/.exec(part)?.[1]
            if (name) {
              names.push(name)
              return '([^/]+)'
            }
            return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          })
          .join('')
        return { operation, names, pattern: new RegExp(`^${source}/?$`), templated: names.length }
      })
      .sort((a, b) => a.templated - b.templated)
  }

  /** A HEAD the spec does not list is its GET without the body (RFC 9110 §9.3.2). */
  match(method: string, path: string): MatchedOperation | undefined {
    const upper = method.toUpperCase()
    return this.#match(upper, path) ?? (upper === 'HEAD' ? this.#match('GET', path) : undefined)
  }

  #match(method: string, path: string): MatchedOperation | undefined {
    for (const route of this.#routes) {
      if (route.operation.method !== method) continue
      const found = route.pattern.exec(path)
      if (!found) continue
      return { operation: route.operation, params: pathParams(route.names, found) }
    }
    return undefined
  }

  /** Whether some operation has this path with another method (a 405 rather than a 404). */
  hasPath(path: string): boolean {
    return this.#routes.some((route) => route.pattern.test(path))
  }
}
