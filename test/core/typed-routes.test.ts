/**
 * The route table is typed by the generated types: the `@ts-expect-error` lines below must be
 * errors, or `npm run typecheck` (part of `npm test`) fails. So a handler that answers an
 * undocumented status, a body of the wrong shape, or a path the spec lacks cannot compile.
 */
import { expect, it } from 'vitest'
import type { RouteHandler, RouteTable } from '../../src/core/define-api.ts'
import type { operations, paths } from '../../src/generated/toptickets.ts'

type GetCustomer = RouteHandler<operations['getCustomer'], unknown, unknown>

export const documented: GetCustomer = ({ json }) => json(404, { detail: 'Customer not found' })

// @ts-expect-error 418 is not a documented status of getCustomer
export const undocumentedStatus: GetCustomer = ({ json }) => json(418, { detail: 'teapot' })

// @ts-expect-error a 404 body is {detail: string}, not {message}
export const wrongBody: GetCustomer = ({ json }) => json(404, { message: 'Customer not found' })

export const typedParams: GetCustomer = ({ params, json }) => {
  // @ts-expect-error getCustomer has no path parameter named "id"
  params.id
  return json(404, { detail: params.customer_id })
}

type Table = RouteTable<paths, unknown, unknown>
const handler = (() => new Response()) as never

export const complete: Table = {
  '/customers': { get: handler, post: handler },
  '/customers/{customer_id}': { get: handler, patch: handler, delete: handler },
}

export const missingOperation: Table = {
  '/customers': { get: handler, post: handler },
  // @ts-expect-error the spec's DELETE /customers/{customer_id} has no handler
  '/customers/{customer_id}': { get: handler, patch: handler },
}

export const extraPath: Table = {
  ...complete,
  // @ts-expect-error /tickets is not in specs/toptickets.yaml
  '/tickets': { get: handler },
}

it('is checked by the type checker (see the @ts-expect-error lines)', () => {
  expect(Object.keys(complete)).toEqual(['/customers', '/customers/{customer_id}'])
})
