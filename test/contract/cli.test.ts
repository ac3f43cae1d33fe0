/**
 * `mockdesk contract` as CI runs it: spawned as a process against a real HTTP server, judged by
 * its exit code, its one-line errors, and the reports it writes.
 */
import { execFile } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apis } from '../../src/apis/select-apis.ts'
import { reportSchema } from '../../src/contract/index.ts'
import { startMockServer, type MockHttpServer } from '../../src/node/index.ts'

const run = promisify(execFile)
type Result = { code: number; stdout: string; stderr: string }
const contract = (args: string[], env: Record<string, string> = {}): Promise<Result> =>
  run('node', ['src/cli/mockdesk.js', 'contract', ...args, '--quiet'], { env: { ...process.env, MOCKDESK_TOKEN: '', MOCKDESK_API_KEY: '', MOCKDESK_BASIC: '', ...env } }).then(
    (result) => ({ code: 0, ...result }),
    (error: Result) => error,
  )
const key = (id: keyof typeof apis) => apis[id].keys[0]!.key

describe('mockdesk contract in CI', () => {
  let server: MockHttpServer
  let dir: string
  beforeAll(async () => {
    server = await startMockServer({ port: 0 })
    dir = mkdtempSync(join(tmpdir(), 'mockdesk-contract-'))
  })
  afterAll(() => server.close())

  it('stops with one line and exit code 3 when the server cannot be reached', async () => {
    // A port that was just free: nothing listens on it.
    const closed = createServer().listen(0, '127.0.0.1')
    await once(closed, 'listening')
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const result = await contract(['toptickets', '--base-url', `http://127.0.0.1:${port}/toptickets/v1`, '--token', key('toptickets')])
    expect(result.code).toBe(3)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^mockdesk contract: cannot reach http://127\\.0\\.0\\.1:${port}/toptickets/v1 .*ECONNREFUSED`))])
  }, 60_000)

  it('stops with one line and exit code 4 when the base URL lacks its path prefix, and names the right one', async () => {
    const result = await contract(['toptickets', '--base-url', `${server.url}/toptickets`, '--token', key('toptickets')])
    expect(result.code, result.stderr).toBe(4)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim().split('\n')).toEqual([`mockdesk contract: ${server.url}/toptickets answers 404 to GET /customers, as to every path the spec documents; did you mean --base-url ${server.url}/toptickets/v1?`])
  }, 60_000)

  it('exits 2 on usage and configuration errors, before sending anything', async () => {
    const bad = join(dir, 'bad-credentials.json')
    writeFileSync(bad, '{"toptickets": {"admin": {"password": "x"}}}')
    const cases: Array<[string[], RegExp]> = [
      [['zendesk', '--base-url', server.url], /no spec for "zendesk"/],
      [['missing.yaml', '--base-url', server.url], /missing\.yaml does not exist/],
      [['toptickets', '--base-url', server.url, '--report', dir], /is a folder/],
      [['toptickets', '--base-url', server.url, '--report', join(bad, 'junit.xml')], /cannot create its folder/],
      [['toptickets', '--base-url', server.url, '--credentials', bad], /must map names to credentials/],
      [['toptickets', '--base-url', server.url, '--credentials', join(dir, 'nope.json')], /cannot be read/],
      [['toptickets', '--base-url', server.url, '--shard', '3/2'], /--shard must be i\/n/],
      [['toptickets', '--all', '--base-url', server.url], /not both/],
      [['toptickets', '--base-url', server.url, '--examples', 'many'], /--examples must be a non-negative integer/],
      [['toptickets', '--base-url', server.url, '--examples=-1'], /--examples must be a non-negative integer/],
    ]
    for (const [args, message] of cases) {
      const result = await contract(args)
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr, args.join(' ')).toMatch(message)
    }
  }, 120_000)

  it('warns up front when no credentials are given', async () => {
    const result = await contract(['toptickets', '--base-url', `${server.url}/toptickets/v1`, '--check', 'auth-enforced'])
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/^mockdesk contract: warning: no credentials for toptickets/)
    expect(result.stdout).toMatch(/! No credentials given: the 5 operations that need them were only checked for refusals/)
  }, 60_000)

  it('checks every API in one --all run: credentials per API from a file, one JUnit and one JSON report in folders it creates', async () => {
    const credentials = join(dir, 'credentials.json')
    writeFileSync(
      credentials,
      JSON.stringify({
        toptickets: { admin: { token: '$TT_ADMIN_KEY' } },
        billingplatform: { api: { token: key('billingplatform') } },
        omnidesk: { main: { apiKey: key('omnidesk') } },
        ticketsource: { main: { token: key('ticketsource'), basic: `${key('ticketsource')}:` } },
        tomticket: { main: { token: key('tomticket') } },
      }),
    )
    const junit = join(dir, 'results', 'nested', 'contract.xml')
    const json = join(dir, 'results', 'contract.json')
    const result = await contract(['--all', '--base-url', server.url, '--credentials', credentials, '--report', junit, '--json', json], { TT_ADMIN_KEY: key('toptickets') })
    expect(result.stderr).toBe('')
    expect(result.code, result.stdout).toBe(0)
    expect(result.stdout).toMatch(/\d+ passed, 0 failed across 5 APIs .* · \d+\/\d+ documented statuses answered/)

    const suites = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(junit, 'utf8')).testsuites.testsuite
    expect(suites.map((s: any) => s['@_name'])).toEqual(Object.keys(apis).sort().map((id) => `mockdesk contract: ${id}`))
    const report = JSON.parse(readFileSync(json, 'utf8'))
    const ajv = new Ajv2020({ strict: true })
    addFormats(ajv)
    expect(ajv.validate(reportSchema, report), ajv.errorsText(ajv.errors)).toBe(true)
    expect(report.runs.map((r: any) => r.baseUrl)).toEqual(Object.keys(apis).sort().map((id) => server.baseUrls[id]))
    expect(new Set(report.runs.map((r: any) => r.runId)).size).toBe(1)
    expect(report.coverage.exercised).toBeGreaterThan(0)
    expect(report.coverage.exercised).toBe(report.runs.reduce((n: number, r: any) => n + r.coverage.exercised, 0))
  }, 180_000)
})
