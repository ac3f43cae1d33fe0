/**
 * Types that read an openapi-typescript operation (`paths['/customers']['get']`): its parameters,
 * body and responses. A handler that answers an undocumented status, or a body of the wrong shape,
 * fails to compile.
 */
import type { HttpMethod } from './openapi-document.ts'

type Defined<T> = [T] extends [never] ? never : Exclude<T, undefined>

/** `true` for `any`: the pipeline handles every operation, so it sees them untyped. */
type IsAny<T> = 0 extends 1 & T ? true : false

type Part<Op, K extends 'path' | 'query' | 'header'> = IsAny<Op> extends true
  ? Record<string, any>
  : Op extends { parameters: infer P }
  ? P extends { [key in K]?: infer V }
    ? [Defined<V>] extends [never]
      ? Record<string, never>
      : Defined<V>
    : Record<string, never>
  : Record<string, never>

export type PathParams<Op> = Part<Op, 'path'>
export type QueryParams<Op> = Part<Op, 'query'>
export type HeaderParams<Op> = Part<Op, 'header'>

export type RequestBody<Op> = Op extends { requestBody?: infer B }
  ? Defined<B> extends { content: infer C }
    ? C[keyof C]
    : undefined
  : undefined

type Responses<Op> = Op extends { responses: infer R } ? R : never

/** The statuses an operation documents. */
export type ResponseStatus<Op> = keyof Responses<Op> & number

/** The body documented for `status` (its first media type), `never` when it has none. */
export type ResponseBody<Op, S> = S extends keyof Responses<Op>
  ? Responses<Op>[S] extends { content: infer C }
    ? C[keyof C]
    : never
  : never

/** The methods a path item defines (openapi-typescript writes the others as `?: never`). */
export type MethodsOf<PathItem> = {
  [M in HttpMethod]: M extends keyof PathItem ? ([Defined<PathItem[M]>] extends [never] ? never : M) : never
}[HttpMethod]
