/**
 * Header parameters get the same treatment as query and path ones: built into valid requests,
 * probed at minimum−1, maximum+1, empty, wrong type and missing (each confirmed invalid against
 * the spec first), and generated within their bounds by the generative phase. None of the five
 * specs declares a constrained header today, so a small spec and a real HTTP server stand in.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runContract, textReport } from '../../src/contract/index.ts'

const spec = {
  openapi: '3.1.0',
  info: { title: 'Header parameters', version: '1' },
  paths: {
    '/things': {
      get: {
        operationId: 'listThings',
        parameters: [
          { name: 'X-Page-Size', in: 'header', required: true, schema: { type: 'integer', minimum: 1, maximum: 50 }, example: 10 },
          { name: 'X-Tag', in: 'header', required: false, schema: { type: 'string', minLength: 3, maxLength: 8 } },
        ],
        responses: {
          '200': { description: 'things', content: { 'application/json': { schema: { type: 'array', items: { type: 'integer' } } } } },
          '400': { description: 'a bad header', content: { 'application/json': { schema: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } } } } },
        },
      },
    },
  },
}

/** Why a request's headers break the spec, or undefined when they follow it. */
function headerProblem(headers: Record<string, string | string[] | undefined>): string | undefined {
  const size = headers['x-page-size']
  if (typeof size !== 'string' || !/^\d+$/.test(size) || Number(size) < 1 || Number(size) > 50) return `X-Page-Size ${size}`
  const tag = headers['x-tag']
  if (tag !== undefined && (typeof tag !== 'string' || tag.length < 3 || tag.length > 8)) return `X-Tag ${tag}`
  return undefined
}

async function serve(strict: boolean, seen: Array<Record<string, string | string[] | undefined>>): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    seen.push(request.headers)
    const problem = strict ? headerProblem(request.headers) : undefined
    response.writeHead(problem ? 400 : 200, { 'content-type': 'application/json' })
    response.end(JSON.stringify(problem ? { error: problem } : [1, 2, 3]))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

describe('header parameters', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'mockdesk-headers-')), 'headers.json')
  const servers: Server[] = []
  beforeAll(() => writeFileSync(file, JSON.stringify(spec)))
  afterAll(() => servers.forEach((server) => server.close()))

  it('passes a server that enforces them, and every valid or generated request keeps them in bounds', async () => {
    const seen: Array<Record<string, string | string[] | undefined>> = []
    const { server, url } = await serve(true, seen)
    servers.push(server)
    const report = await runContract({ api: file, baseUrl: url, examples: 20 })
    expect(report.failures, textReport(report)).toEqual([])
    const row = report.results.find((r) => r.check === 'negative-data-rejection')!
    // min−1, max+1, empty, wrong type and missing for X-Page-Size; under minLength, over maxLength and empty for X-Tag.
    expect(row.judged).toBeGreaterThanOrEqual(8)
    const valid = seen.filter((headers) => headerProblem(headers) === undefined)
    expect(valid.length).toBeGreaterThan(20)
    expect(new Set(valid.map((headers) => headers['x-page-size'])).size).toBeGreaterThan(3)
  })

  it('catches a server that ignores them, naming each broken bound', async () => {
    const { server, url } = await serve(false, [])
    servers.push(server)
    const report = await runContract({ api: file, baseUrl: url, examples: 5 })
    expect([...new Set(report.failures.map((f) => f.check))]).toEqual(['negative-data-rejection'])
    const titles = report.failures.map((f) => f.title).join('\n')
    expect(titles).toContain('header parameter X-Page-Size: a number over the maximum 50')
    expect(titles).toContain('header parameter X-Page-Size: a number under the minimum 1')
    expect(titles).toContain('header parameter X-Page-Size: an empty value')
    expect(titles).toContain('header parameter X-Page-Size: a string where a number is documented')
    expect(titles).toContain('header parameter X-Page-Size: missing though required')
    expect(titles).toContain('header parameter X-Tag: a string over maxLength 8')
    expect(titles).toContain('header parameter X-Tag: a string under minLength 3')
    expect(titles).toContain('header parameter X-Tag: an empty value')
    // The repro curl carries the header as sent.
    expect(report.failures.find((f) => f.title.includes('over the maximum 50'))!.curl).toContain("-H 'x-page-size: 51'")
  })
})
