/**
 * A Vite plugin that serves msw's worker script at `<base>mockServiceWorker.js` while the dev
 * server runs, and only then: `vite build` output holds no worker script, and no file has to be
 * written into `public/` (where it would be copied into every production build).
 */
import { readFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { workerFileName, workerScriptPath } from '../node/worker-script.ts'

/** The part of Vite's dev server the plugin uses (so mockdesk does not depend on vite). */
export interface DevServerLike {
  config: { root: string; base: string }
  middlewares: { use(route: string, handle: (req: IncomingMessage, res: ServerResponse, next: () => void) => void): unknown }
}

export interface MockdeskWorkerPlugin {
  name: string
  apply: 'serve'
  configureServer(server: DevServerLike): void
}

export function mockdeskWorker(): MockdeskWorkerPlugin {
  return {
    name: 'mockdesk:worker',
    apply: 'serve',
    configureServer(server) {
      const script = workerScriptPath(server.config.root)
      // Registered before Vite's static files, so an older copy left in public/ is never served.
      server.middlewares.use(`${server.config.base.replace(/\/?$/, '/')}${workerFileName}`, (_req, res) => {
        res.setHeader('content-type', 'text/javascript; charset=utf-8')
        res.setHeader('cache-control', 'no-cache')
        res.end(readFileSync(script))
      })
    },
  }
}
