/**
 * In-process mocking for Node tests: msw/node intercepts `fetch` (and http, axios, ...) to the
 * vendors' real base URLs and answers from fresh, seeded stores. Each call is independent.
 */
import { setupServer, type SetupServer } from 'msw/node'
import { selectApis, type ApiId, type apis } from '../apis/select-apis.ts'
import { withConfig } from '../config/runtime-options.ts'
import type { MockdeskConfig } from '../config/mockdesk-config.ts'
import type { BehaviourSettings } from '../core/behaviour/behaviour-settings.ts'
import { createMockdesk, type Mockdesk, type MockdeskOptions } from '../core/mockdesk.ts'
import { ownedOriginHandlers } from '../core/owned-origins.ts'
import { checkInstalledMsw } from './installed-msw.ts'

export interface SetupMockdeskOptions extends MockdeskOptions {
  /** The APIs to mount; default: all of them. */
  apis?: readonly ApiId[]
  /** A `mockdesk.config.json` document, parsed; options given here win over it. */
  config?: MockdeskConfig
}

type StoreOf<Id extends ApiId> = Awaited<ReturnType<(typeof apis)[Id]['createStore']>>

export interface MockdeskServer {
  /** The msw/node server: `use()` to override a handler in one test, `listen()`, `close()`. */
  server: SetupServer
  mockdesk: Mockdesk
  /**
   * Starts intercepting. Anything to a mounted vendor's origin is answered (a kit 404 where no
   * route serves it); requests to other hosts pass through to the network unless told otherwise.
   */
  listen(options?: Parameters<SetupServer['listen']>[0]): void
  close(): void
  /** Reseeds every store (same seed unless given) and drops handler overrides made with `use()`. */
  reset(seed?: number): Promise<void>
  /** Replaces the latency, fault and rate-limit settings (`behave({})`: none). */
  behave(settings: BehaviourSettings): void
  /** The live store of one API, to arrange or inspect data directly. */
  store<Id extends ApiId>(id: Id): StoreOf<Id>
}

export async function setupMockdesk(options: SetupMockdeskOptions = {}): Promise<MockdeskServer> {
  checkInstalledMsw()
  const resolved = withConfig(options)
  const mockdesk = await createMockdesk(selectApis(resolved.apis), resolved)
  // Each mounted vendor origin is the mock's alone: nothing under it reaches the network.
  const owned = ownedOriginHandlers(mockdesk.apis.map((api) => ({ id: api.definition.id, base: api.base })))
  const server = setupServer(...owned.first, ...mockdesk.handlers, ...owned.last)
  return {
    server,
    mockdesk,
    listen: (listenOptions) => server.listen({ onUnhandledRequest: 'bypass', ...listenOptions }),
    close: () => server.close(),
    async reset(seed) {
      server.resetHandlers()
      await mockdesk.reset(seed)
    },
    behave: (settings) => mockdesk.behave(settings),
    store(id) {
      const mounted = mockdesk.apis.find((api) => api.definition.id === id)
      if (!mounted) throw new Error(`Failed to get the store of "${id}": it is not mounted. Mounted: ${mockdesk.apis.map((a) => a.definition.id).join(', ')}.`)
      return mounted.store as never
    },
  }
}
