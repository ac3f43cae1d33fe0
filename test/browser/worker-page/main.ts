/**
 * The browser test's page: starts mockdesk's service worker for every API in the registry, as
 * an app would, and exposes the smoke walk to the test. `?persist` keeps state across reloads.
 */
import { apiIds, setupMockdeskWorker } from 'mockdesk/browser'
import { runSmoke, type SmokeOptions } from '../../support/smoke-walk.ts'

const persist = new URLSearchParams(location.search).has('persist')
const mock = await setupMockdeskWorker({ persist })
await mock.start()

Object.assign(window, {
  mockdeskTest: {
    apiIds,
    smoke: (id: (typeof apiIds)[number], options?: SmokeOptions) =>
      runSmoke(mock.mockdesk.apis.find((api) => api.definition.id === id)!.definition as never, options),
    counts: () => Object.fromEntries(mock.mockdesk.apis.map((api) => [api.definition.id, api.definition.counts(api.store)])),
    reset: (seed?: number) => mock.reset(seed),
    logged: () => mock.mockdesk.requests.since(0),
  },
})
document.body.dataset.ready = 'true'
document.body.textContent = `mockdesk worker started for ${apiIds.join(', ')}`
