/**
 * Service-worker mocking for frontend apps: the page calls the vendors' real base URLs
 * (`https://api.toptickets.app/v1/...`) and msw's worker answers from seeded stores in the page.
 * The worker script comes from `npx msw init <public folder>`.
 */
import { setupWorker, type SetupWorker } from 'msw/browser'
import { selectApis, type ApiId } from '../apis/select-apis.ts'
import { createMockdesk, type Mockdesk, type MockdeskOptions } from '../core/mockdesk.ts'

export interface SetupMockdeskWorkerOptions extends MockdeskOptions {
  /** The APIs to mount; default: all of them. */
  apis?: readonly ApiId[]
}

export interface MockdeskWorker {
  worker: SetupWorker
  mockdesk: Mockdesk
  /** Registers the worker; requests no API handles go to the network untouched. */
  start(options?: Parameters<SetupWorker['start']>[0]): ReturnType<SetupWorker['start']>
  stop(): void
  reset(seed?: number): Promise<void>
}

export async function setupMockdeskWorker(options: SetupMockdeskWorkerOptions = {}): Promise<MockdeskWorker> {
  const mockdesk = await createMockdesk(selectApis(options.apis), options)
  const worker = setupWorker(...mockdesk.handlers)
  return {
    worker,
    mockdesk,
    start: (startOptions) => worker.start({ onUnhandledRequest: 'bypass', quiet: true, ...startOptions }),
    stop: () => worker.stop(),
    async reset(seed) {
      worker.resetHandlers()
      await mockdesk.reset(seed)
    },
  }
}
