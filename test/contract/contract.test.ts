import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { XMLParser } from 'fast-xml-parser'
import { http } from 'msw'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import keys from '../../fixtures/toptickets/keys.json'
import { jsonReport, junitReport, reportSchema, runContract, textReport, type ContractReport } from '../../src/contract/index.ts'
import { apis, type ApiId } from '../../src/apis/select-apis.ts'
import { documentedBaseUrl } from '../../src/core/openapi-document.ts'
import { setupMockdesk, type MockdeskServer } from '../../src/node/index.ts'
import { base, brokenServers, roles, type BrokenServer } from './broken-servers.ts'

const credentials = { token: keys[0]!.key }
const failedChecks = (report: ContractReport) => [...new Set(report.failures.map((f) => f.check))].sort()

/**
 * A fault only the generative phase finds: every failure is a shrunk generated one, the minimal
 * example, with one repro curl per step; and the same server passes a run without the phase.
 */
async function expectGenerative(server: BrokenServer, report: ContractReport, withoutPhase: () => Promise<ContractReport>) {
  if (!server.generative) return
  for (const failure of report.failures) {
    expect(failure.example, textReport(report)).toBeDefined()
    expect(server.generative.minimal(failure.example!), failure.example).toBe(true)
    expect(failure.curl.split('\n').length).toBe(failure.example!.split(' → ').length)
  }
  const without = await withoutPhase()
  expect(without.failures, textReport(without)).toEqual([])
}

describe('contract suite against broken servers', () => {
  let mock: MockdeskServer
  beforeAll(async () => {
    mock = await setupMockdesk({ apis: ['toptickets'] })
    mock.listen({ onUnhandledRequest: 'error' })
  })
  afterAll(() => mock.close())
  beforeEach(() => mock.reset())

  it('passes the unbroken mock, so every failure below comes from the fault', async () => {
    const report = await runContract({ api: 'toptickets', baseUrl: base, credentials, roles: roles.toptickets })
    expect(report.failures).toEqual([])
  })

  it.each(brokenServers.filter((server) => (server.api ?? 'toptickets') === 'toptickets').map((server) => [server.name, server] as const))(
    'catches a server that %s',
    async (_, server) => {
      mock.server.use(...server.handlers(mock.mockdesk.handlers))
      const report = await runContract({ api: 'toptickets', baseUrl: base, credentials, roles: roles.toptickets, examples: server.generative?.examples })
      expect(failedChecks(report), textReport(report)).toEqual([...server.expected].sort())
      await expectGenerative(server, report, () => runContract({ api: 'toptickets', baseUrl: base, credentials, roles: roles.toptickets, examples: 0 }))
      for (const failure of report.failures) {
        expect(failure.curl).toMatch(/^curl -i /)
        expect(failure.title).not.toBe('')
      }
    },
  )

  it('sends only safe methods in read-only mode', async () => {
    const report = await runContract({ api: 'toptickets', baseUrl: base, credentials, readOnly: true })
    const methods = new Set(report.results.filter((r) => r.judged > 0).map((r) => r.operation.split(' ')[0]))
    expect([...methods]).toEqual(['GET'])
    expect(mock.store('toptickets').customers.count()).toBe(150)
  })

  it('leaves the server as it found it after a full run', async () => {
    const before = JSON.stringify(mock.store('toptickets').customers.all().map((c) => c.id))
    const report = await runContract({ api: 'toptickets', baseUrl: base, credentials })
    expect(report.warnings).toEqual([])
    expect(JSON.stringify(mock.store('toptickets').customers.all().map((c) => c.id))).toBe(before)
  })

  it('never changes a record it did not create, even on a server that ignores auth and accepts anything', async () => {
    const store = mock.store('toptickets').customers
    const before = JSON.stringify(store.all())
    // Records on the server, and every id the docs show (a server may well hold those).
    const documented = readFileSync('specs/toptickets.yaml', 'utf8').match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)!
    const existing = new Set([...store.all().map((c) => c.id), ...documented])
    const touched: string[] = []
    mock.server.events.on('request:start', ({ request }) => {
      if (request.method !== 'GET' && existing.has(new URL(request.url).pathname.split('/').pop()!)) touched.push(`${request.method} ${request.url}`)
    })
    // Every write is answered as if allowed and valid: auth, validation and existence ignored.
    mock.server.use(
      http.all(`${base}/customers/:id`, async ({ request, params }) => {
        if (request.method === 'GET') return undefined
        const exists = store.get(params.id as string)
        if (!exists) return new Response(null, { status: 204 })
        return undefined
      }),
    )
    await runContract({ api: 'toptickets', baseUrl: base, credentials })
    mock.server.events.removeAllListeners()
    expect(touched).toEqual([])
    expect(JSON.stringify(store.all())).toBe(before)
  })

  it('is not failed by records an earlier run left behind', async () => {
    // The first run's deletes are lost: everything it created stays on the server.
    mock.server.use(http.delete(`${base}/customers/:id`, () => new Response(null, { status: 204 })))
    await runContract({ api: 'toptickets', baseUrl: base, credentials, seed: 5 })
    mock.server.resetHandlers()
    expect(mock.store('toptickets').customers.count()).toBeGreaterThan(150)
    const second = await runContract({ api: 'toptickets', baseUrl: base, credentials, seed: 5 })
    expect(second.failures, textReport(second)).toEqual([])
  })

  it('splits a run into shards: every operation × check pair judged by exactly one, the same one every time', async () => {
    const judged = (report: ContractReport) => report.results.map((r) => `${r.operationId}|${r.check}`)
    const full = await runContract({ api: 'toptickets', baseUrl: base, credentials, checks: ['status-code-conformance', 'auth-enforced'] })
    const shards = await Promise.all([1, 2].map((index) => runContract({ api: 'toptickets', baseUrl: base, credentials, shard: { index, count: 2 }, checks: ['status-code-conformance', 'auth-enforced'] })))
    const [one, two] = shards.map(judged)
    expect(one!.filter((pair) => two!.includes(pair))).toEqual([])
    expect([...one!, ...two!].sort()).toEqual(judged(full).sort())
    expect(one!.length).toBeGreaterThan(0)
    expect(judged(await runContract({ api: 'toptickets', baseUrl: base, credentials, shard: { index: 1, count: 2 }, checks: ['status-code-conformance', 'auth-enforced'] }))).toEqual(one)
  })

  it('is reproducible: the same seed sends the same requests', async () => {
    const urls = async (seed: number) => {
      await mock.reset()
      const report = await runContract({ api: 'toptickets', baseUrl: base, credentials, seed, checks: ['not-a-server-error'] })
      return report.requests
    }
    expect(await urls(3)).toBe(await urls(3))
  })

  it('finds and shrinks a generative failure the same way again with the same seed', async () => {
    const server = brokenServers.find((s) => s.name === 'fails with 500 on a page past the last customer')!
    const shrunk = async () => {
      await mock.reset()
      mock.server.use(...server.handlers(mock.mockdesk.handlers))
      const report = await runContract({ api: 'toptickets', baseUrl: base, credentials, examples: 20, seed: 9, checks: ['not-a-server-error'] })
      return report.failures.map((f) => [f.example, f.curl])
    }
    const first = await shrunk()
    expect(first).toHaveLength(1)
    expect(await shrunk()).toEqual(first)
  })

  it('caps the request rate', async () => {
    const started = Date.now()
    const report = await runContract({ api: 'toptickets', baseUrl: base, credentials, readOnly: true, rate: 200, checks: ['not-a-server-error'] })
    expect(Date.now() - started).toBeGreaterThanOrEqual(((report.requests - 1) * 1000) / 200 - 50)
  })

  it('never sends a request outside the base URL', async () => {
    const seen: string[] = []
    mock.server.events.on('request:start', ({ request }) => void seen.push(new URL(request.url).origin))
    await runContract({ api: 'toptickets', baseUrl: base, credentials })
    mock.server.events.removeAllListeners()
    expect(new Set(seen)).toEqual(new Set(['https://api.toptickets.app']))
  })
})

// The other APIs' broken servers, each against its own mock.
for (const api of [...new Set(brokenServers.map((server) => server.api).filter((id) => id !== undefined && id !== 'toptickets'))] as ApiId[]) {
  describe(`contract suite against broken ${api} servers`, () => {
    let mock: MockdeskServer
    const key = apis[api].keys[0]!.key
    const options = { api, baseUrl: documentedBaseUrl(apis[api].document), credentials: { token: key, apiKey: key, basic: `${key}:` }, roles: roles[api] }
    beforeAll(async () => {
      mock = await setupMockdesk({ apis: [api] })
      mock.listen({ onUnhandledRequest: 'error' })
    })
    afterAll(() => mock.close())
    beforeEach(() => mock.reset())

    it('passes the unbroken mock', async () => {
      const report = await runContract(options)
      expect(report.failures, textReport(report)).toEqual([])
    })

    it.each(brokenServers.filter((server) => server.api === api).map((server) => [server.name, server] as const))('catches a server that %s', async (_, server) => {
      mock.server.use(...server.handlers(mock.mockdesk.handlers))
      const report = await runContract({ ...options, examples: server.generative?.examples })
      expect(failedChecks(report), textReport(report)).toEqual([...server.expected].sort())
      await expectGenerative(server, report, () => runContract({ ...options, examples: 0 }))
    })
  })
}

describe('contract reports', () => {
  let mock: MockdeskServer
  let report: ContractReport
  beforeAll(async () => {
    mock = await setupMockdesk({ apis: ['toptickets'] })
    mock.listen({ onUnhandledRequest: 'error' })
    mock.server.use(...brokenServers.find((s) => s.name.includes('is_vip'))!.handlers(mock.mockdesk.handlers))
    report = await runContract({ api: 'toptickets', baseUrl: base, credentials })
  })
  afterAll(() => mock.close())

  it('writes JUnit XML that a JUnit parser reads: one case per operation × check, failures marked', () => {
    const xml = new XMLParser({ ignoreAttributes: false }).parse(junitReport(report))
    const suite = xml.testsuites.testsuite
    // Pairs that do not apply are left out: every case judged something.
    expect(Number(suite['@_tests'])).toBe(report.results.filter((r) => r.judged > 0).length)
    expect(Number(suite['@_tests'])).toBeLessThan(report.results.length)
    expect(Number(suite['@_skipped'])).toBe(0)
    expect(Number(suite['@_failures'])).toBe(report.summary.failed)
    const failed = suite.testcase.filter((c: any) => c.failure)
    expect(failed.map((c: any) => c['@_name'])).toContain('GET /customers/{customer_id} › response-schema-conformance')
    // The detail is in <failure>: the title as its message, received/documented/curl as its body.
    expect(failed[0].failure['@_message']).toMatch(/does not match its schema/)
    expect(failed[0].failure['#text']).toContain('received:')
    expect(failed[0].failure['#text']).toContain('curl -i')
    expect(failed[0]['system-out']).toBeUndefined()
  })

  it('shows credentials in repro curls as the user gave them: masked, from the environment as $VARIABLE, or shown on request', async () => {
    const token = credentials.token
    const curls = (report: ContractReport) => report.failures.map((f) => f.curl).filter((curl) => curl.includes('authorization'))
    expect(curls(report).length).toBeGreaterThan(0)
    for (const curl of curls(report)) {
      expect(curl).not.toContain(token)
      expect(curl).toContain(`Bearer ${token.slice(0, 4)}…(masked)`)
    }
    const fromEnv = await runContract({ api: 'toptickets', baseUrl: base, credentials: { token, from: { token: 'MOCKDESK_TOKEN' } }, checks: ['response-schema-conformance'] })
    for (const curl of curls(fromEnv)) expect(curl).toContain('"authorization: Bearer $MOCKDESK_TOKEN"')
    const shown = await runContract({ api: 'toptickets', baseUrl: base, credentials, showSecrets: true, checks: ['response-schema-conformance'] })
    for (const curl of curls(shown)) expect(curl).toContain(`'authorization: Bearer ${token}'`)
    expect(textReport(report)).toContain('--show-secrets prints them')
  })

  it('writes JSON that matches its documented schema', () => {
    const ajv = new Ajv2020({ strict: true })
    addFormats(ajv)
    const valid = ajv.validate(reportSchema, JSON.parse(jsonReport(report)))
    expect(valid, ajv.errorsText(ajv.errors)).toBe(true)
    expect(ajv.validate(reportSchema, { ...JSON.parse(jsonReport(report)), summary: { passed: -1 } })).toBe(false)
  })

  it('prints failures grouped by operation, with what was received, what is documented and a curl', () => {
    const text = textReport(report)
    expect(text).toContain('✗ GET /customers/{customer_id}')
    expect(text).toMatch(/received: .*is_vip/)
    expect(text).toContain('curl -i')
    expect(text).toMatch(/\d+ passed, [1-9]\d* failed/)
    expect(JSON.parse(readFileSync('src/contract/report/report-schema.json', 'utf8')).title).toBe('mockdesk contract report')
  })
})

// Safe on real servers, for every API, with the generative phase searching hard: every record the
// suite did not create is still there, unchanged (a sequence never falls back to a docs' example id).
describe('contract suite leaves what it did not create alone', () => {
  for (const api of Object.keys(apis) as ApiId[]) {
    it(`${api}: every seeded record is unchanged after a run with 50 examples`, async () => {
      const mock = await setupMockdesk({ apis: [api] })
      mock.listen({ onUnhandledRequest: 'error' })
      try {
        const collections = () =>
          Object.entries(mock.store(api) as unknown as Record<string, { all?: () => ReadonlyArray<{ id: unknown }> }>).filter(([, collection]) => typeof collection?.all === 'function')
        const snapshot = () => new Map(collections().flatMap(([name, collection]) => collection.all!().map((record) => [`${name}:${String(record.id)}`, JSON.stringify(record)])))
        const before = snapshot()
        expect(before.size).toBeGreaterThan(0)
        const key = apis[api].keys[0]!.key
        await runContract({ api, baseUrl: documentedBaseUrl(apis[api].document), credentials: { token: key, apiKey: key, basic: `${key}:` }, roles: roles[api], examples: 50 })
        const after = snapshot()
        const changed = [...before].filter(([id, record]) => after.get(id) !== record).map(([id]) => id)
        expect(changed).toEqual([])
      } finally {
        mock.close()
      }
    }, 120_000)
  }
})
