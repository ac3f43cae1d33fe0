/**
 * Service-worker mocking for frontend apps: the page calls the vendors' real base URLs
 * (`https://api.toptickets.app/v1/...`) and msw's worker answers from seeded stores in the page.
 * The worker script comes from `npx mockdesk init <public folder>`.
 */
import { setupWorker, type SetupWorker } from 'msw/browser'
// The app's own msw (a peer dependency), whose package.json the bundler inlines. A default
// import: webpack refuses named imports from JSON in an .mjs module.
import mswPackage from 'msw/package.json'
import { loadApis, type ApiId } from '../apis/load-apis.ts'
import type { MockdeskConfig } from '../config/mockdesk-config.ts'
import { withConfig } from '../config/runtime-options.ts'
import type { BehaviourSettings } from '../core/behaviour/behaviour-settings.ts'
import { createMockdesk, type Mockdesk, type MockdeskOptions } from '../core/mockdesk.ts'
import { checkMswVersion } from '../core/msw-version.ts'
import { documentedBaseUrl } from '../core/openapi-document.ts'
import { ownedOriginHandlers } from '../core/owned-origins.ts'
import { persistedState, type PersistOptions } from './persisted-state.ts'

export interface SetupMockdeskWorkerOptions extends Omit<MockdeskOptions, 'base'> {
  /** The APIs to mount; default: all of them. */
  apis?: readonly ApiId[]
  /**
   * Mount an API somewhere other than its real base URL, by id: an absolute URL
   * (`http://localhost:8080/tt/v1`) or a path on any origin (`/api/toptickets`). Default: the
   * vendor's documented base URL, e.g. `https://api.toptickets.app/v1`.
   */
  baseUrls?: Partial<Record<ApiId, string>>
  /** Keep the data across page reloads (sessionStorage unless told otherwise). Default: false. */
  persist?: boolean | PersistOptions
  /** A `mockdesk.config.json` document (import it as JSON); options given here win over it. */
  config?: MockdeskConfig
}

export interface MockdeskWorker {
  worker: SetupWorker
  mockdesk: Mockdesk
  /** Registers the worker; requests no API handles go to the network untouched. */
  start(options?: Parameters<SetupWorker['start']>[0]): ReturnType<SetupWorker['start']>
  stop(): void
  /** Rebuilds the data from the seed (a new one if given), also the saved data when persisting. */
  reset(seed?: number): Promise<void>
  /** Replaces the latency, fault and rate-limit settings (`behave({})`: none). */
  behave(settings: BehaviourSettings): void
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

export async function setupMockdeskWorker(options: SetupMockdeskWorkerOptions = {}): Promise<MockdeskWorker> {
  // Before anything reaches msw: an msw outside the supported range fails here, with the fix.
  checkMswVersion(mswPackage.version)
  const { apis: ids, baseUrls = {}, persist = false, config: _config, ...mockdeskOptions } = withConfig(options)
  const mockdesk = await createMockdesk(await loadApis(ids), {
    ...mockdeskOptions,
    base: (api) => baseUrls[api.id as ApiId] ?? api.documentedBaseUrl,
  })
  const saved =
    persist === false
      ? undefined
      : persistedState(mockdesk, { apis: mockdesk.apis.map((api) => api.definition.id), seed: mockdeskOptions.seed, count: mockdeskOptions.count }, persist === true ? {} : persist)
  await saved?.load()

  // A vendor's own origin belongs to the mock, as under msw/node: nothing under it reaches the
  // network. An API mounted on another origin (often the app's own) leaves that origin alone, as
  // the app's pages and assets live there.
  const owned = ownedOriginHandlers(
    mockdesk.apis
      .filter((api) => new URL(api.base, 'http://relative.invalid').origin === new URL(documentedBaseUrl(api.definition.document)).origin)
      .map((api) => ({ id: api.definition.id, base: api.base })),
  )
  const worker = setupWorker(...owned.first, ...mockdesk.handlers, ...owned.last)
  // The same request log the HTTP server keeps, so an app can show or assert what it called.
  const started = new Map<string, number>()
  worker.events.on('request:start', ({ requestId }) => started.set(requestId, Date.now()))
  worker.events.on('response:mocked', ({ request, requestId, response }) => {
    const at = started.get(requestId) ?? Date.now()
    started.delete(requestId)
    const url = new URL(request.url)
    const api = mockdesk.apis.find((mounted) => request.url.startsWith(mounted.base) || url.pathname.startsWith(mounted.base))
    mockdesk.requests.record({ at: new Date(at).toISOString(), method: request.method, path: url.href, status: response.status, ms: Date.now() - at, api: api?.definition.id })
    if (!safeMethods.has(request.method)) saved?.schedule()
  })
  worker.events.on('response:bypass', ({ requestId }) => started.delete(requestId))

  return {
    worker,
    mockdesk,
    start: (startOptions) => worker.start({ onUnhandledRequest: 'bypass', quiet: true, ...startOptions }),
    stop: () => worker.stop(),
    async reset(seed) {
      worker.resetHandlers()
      await mockdesk.reset(seed)
      saved?.save()
    },
    behave: (settings) => mockdesk.behave(settings),
  }
}
