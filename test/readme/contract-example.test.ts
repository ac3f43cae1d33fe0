/**
 * The README's contract section runs as written: its CI commands (the server's address aside,
 * since tests take a free port) against a real mockdesk server, with its credentials file.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMockServer, type MockHttpServer } from '../../src/node/index.ts'

const run = promisify(execFile)
const section = (() => {
  const readme = readFileSync('README.md', 'utf8')
  const start = readme.indexOf('## Check a server against the spec (contract suite)')
  return readme.slice(start, readme.indexOf('\n## ', start + 1))
})()
const blocks = (language: string) => [...section.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!)
const bin = resolve('src/cli/mockdesk.js')

describe('README: contract suite in CI', () => {
  let server: MockHttpServer
  let dir: string
  /** A README shell snippet as a script: the server already runs, on this test's port. */
  const script = (snippet: string) =>
    snippet
      .split('\n')
      .filter((line) => !line.startsWith('npm start'))
      .join('\n')
      .replaceAll('http://127.0.0.1:4010', server.url)
      .replaceAll('npx mockdesk', `node ${bin}`)
  beforeAll(async () => {
    server = await startMockServer({ port: 0 })
    dir = mkdtempSync(join(tmpdir(), 'mockdesk-readme-contract-'))
    const [credentials] = blocks('json')
    writeFileSync(join(dir, 'contract-credentials.json'), credentials!)
  })
  afterAll(() => server.close())

  it('runs every API with credentials per role, writing JUnit and JSON with coverage; exit 0 against mockdesk', async () => {
    const [ci] = blocks('sh')
    expect(ci).toContain('--all --base-url http://127.0.0.1:4010 --credentials contract-credentials.json')
    const { stdout } = await run('bash', ['-e', '-c', script(ci!)], { cwd: dir, env: { ...process.env, MOCKDESK_TOKEN: '' } })
    expect(stdout).toMatch(/\d+ passed, 0 failed across 5 APIs/)
    const suites = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(join(dir, 'test-results/contract.xml'), 'utf8')).testsuites.testsuite
    expect(suites).toHaveLength(5)
    const cases = suites.flatMap((suite: any) => suite.testcase)
    // The roles were used: TopTickets' and TomTicket's permission checks ran.
    expect(cases.map((c: any) => c['@_name'])).toContain('DELETE /customers/{customer_id} › permission-enforced')
    expect(cases.map((c: any) => c['@_name'])).toContain('GET /customer/list › permission-enforced')
    const report = JSON.parse(readFileSync(join(dir, 'test-results/contract.json'), 'utf8'))
    expect(report.coverage.exercised).toBeGreaterThan(0)
    expect(report.runs.every((r: any) => r.failures.length === 0)).toBe(true)
  }, 240_000)

  it('runs a shard of the same', async () => {
    const shard = blocks('sh')[1]!
    expect(shard).toContain('--shard 1/2')
    await run('bash', ['-e', '-c', script(shard)], {
      cwd: dir,
      env: { ...process.env, TOPTICKETS_ADMIN_KEY: 'tt_admin_9f3k2m7x4q8w1e6r5t0y3u2i9o8p7a6s', TOPTICKETS_AGENT_KEY: 'tt_agent_2p5o8i1u4y7t0r3e6w9q2a5s8d1f4g7h', TOPTICKETS_READ_KEY: 'tt_ro_4h7j2k9l5z8x1c6v3b0n7m4q2w9e5r8t' },
    })
    expect(existsSync(join(dir, 'test-results/contract-1.xml'))).toBe(true)
  }, 240_000)

  it('runs the generative phase with 50 examples and a fixed seed, recorded in the JSON report', async () => {
    const deep = blocks('sh')[2]!
    expect(deep).toContain('--examples 50 --seed 7')
    const { stdout } = await run('bash', ['-e', '-c', script(deep)], {
      cwd: dir,
      env: { ...process.env, TOPTICKETS_ADMIN_KEY: 'tt_admin_9f3k2m7x4q8w1e6r5t0y3u2i9o8p7a6s', TOPTICKETS_AGENT_KEY: 'tt_agent_2p5o8i1u4y7t0r3e6w9q2a5s8d1f4g7h', TOPTICKETS_READ_KEY: 'tt_ro_4h7j2k9l5z8x1c6v3b0n7m4q2w9e5r8t' },
    })
    expect(stdout).toMatch(/\d+ passed, 0 failed across 5 APIs/)
    const report = JSON.parse(readFileSync(join(dir, 'test-results/contract-deep.json'), 'utf8'))
    expect(report.runs.map((r: any) => [r.examples, r.seed])).toEqual(Array(5).fill([50, 7]))
  }, 240_000)
})
