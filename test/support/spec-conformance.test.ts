/** The spec check used by every suite must be able to fail: each broken response here must be caught. */
import { describe, expect, it } from 'vitest'
import { conformanceProblems } from './spec-conformance.ts'

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers({ 'content-type': 'application/json', ...headers }),
  text: JSON.stringify(body),
})
const summary = { id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890', name: 'A', email: 'a@b.co', is_vip: false, has_premium_support: true }

describe('spec conformance check', () => {
  it('accepts a conforming response', async () => {
    expect(await conformanceProblems('toptickets', 'GET', '/customers', json(200, [summary]))).toEqual([])
  })

  it.each([
    ['an undocumented status', 'GET', '/customers', json(418, {}), /status not documented/],
    ['a wrong field type', 'GET', '/customers', json(200, [{ ...summary, is_vip: 'no' }]), /does not match the schema/],
    ['a missing field', 'GET', '/customers/a1b2c3d4-e5f6-7890-abcd-ef1234567890', json(200, summary), /does not match the schema/],
    ['an envelope around a bare array', 'GET', '/customers', json(200, { data: [summary] }), /does not match the schema/],
    ['a 429 without Retry-After', 'GET', '/customers', json(429, { detail: 'slow down' }), /Retry-After missing/],
    ['a wrong content type', 'GET', '/customers', { ...json(200, [summary]), headers: new Headers({ 'content-type': 'text/html' }) }, /content type/],
    ['a body on a 204', 'DELETE', '/customers/a1b2c3d4-e5f6-7890-abcd-ef1234567890', json(204, { ok: true }), /without a body/],
    ['an undocumented path', 'GET', '/tickets', json(200, []), /no operation/],
  ])('catches %s', async (_, method, path, response, problem) => {
    const problems = await conformanceProblems('toptickets', method, path, response)
    expect(problems.join('\n')).toMatch(problem)
  })
})
