/**
 * The contract suite against a mock with vendor rate limits on: the suite honours `Retry-After`
 * (or Yii's `X-Rate-Limit-Reset`) and still passes 100%. The windows are shortened to one second
 * so the run is hit by 429s many times without waiting minutes; the limits' numbers and headers
 * are each vendor's own otherwise.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { apis, type ApiId } from '../../src/apis/select-apis.ts'
import { runContract } from '../../src/contract/run-contract.ts'
import { startMockServer, type MockHttpServer } from '../../src/node/index.ts'

const limited: ApiId[] = ['toptickets', 'ticketsource', 'billingplatform']
let server: MockHttpServer
beforeAll(async () => {
  server = await startMockServer({
    port: 0,
    apis: limited,
    behaviour: { rateLimits: true, apis: Object.fromEntries(limited.map((id) => [id, { rateLimits: { limit: 25, window: 1 } }])) },
  })
})
afterAll(() => server.close())

for (const id of limited) {
  it(`${id}: the contract suite passes against the rate-limited mock`, async () => {
    const key = apis[id].keys[0]!.key
    const before = server.mockdesk.requests.last
    const report = await runContract({ api: id, baseUrl: server.baseUrls[id]!, credentials: { token: key, apiKey: key, basic: `${key}:` } })
    const failures = report.failures.map((failure) => `${failure.check} ${failure.operation}: ${failure.title}`)
    expect(failures).toEqual([])
    expect(report.summary.failed).toBe(0)
    // The limit was really hit during the run (and recovered from).
    const limitedAnswers = server.mockdesk.requests.since(before).filter((entry) => entry.fault === 'rate-limited')
    expect(limitedAnswers.length).toBeGreaterThan(0)
  }, 120_000)
}
