/**
 * The contract suite against every mockdesk API, in process and over HTTP: it must pass 100%.
 * This proves the mocks faithful to their specs, and the suite usable from vitest.
 */
import { afterAll, beforeAll, describe } from 'vitest'
import { apiIds, apis } from '../../src/apis/select-apis.ts'
import { describeContract } from '../../src/contract/vitest.ts'
import { startHost, type HostKind } from '../support/hosts.ts'

for (const id of apiIds) {
  for (const kind of ['in-process', 'http'] as HostKind[]) {
    describe(`${id} (${kind})`, async () => {
      let host: Awaited<ReturnType<typeof startHost>>
      beforeAll(async () => {
        host = await startHost(kind, id)
      })
      afterAll(() => host.close())
      const key = apis[id].keys[0]!.key
      await describeContract({ api: id, baseUrl: () => host.baseUrl, credentials: { token: key, apiKey: key, basic: `${key}:` } })
    })
  }
}
