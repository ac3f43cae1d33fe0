/**
 * The worker test page, built and served the way an app would be: test/browser/worker-page/
 * bundled by esbuild (importing `mockdesk/browser` through the package's export map, browser
 * condition), next to the `mockServiceWorker.js` that `mockdesk init` writes.
 */
import { readFileSync } from 'node:fs'
import { build } from 'esbuild'
import { workerScriptPath } from '../../../src/node/worker-script.ts'
import { serveFiles } from './static-server.ts'

const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mockdesk worker test</title></head>
<body><script type="module" src="/page.js"></script></body></html>`

/**
 * `entry`: the page's script (default: the smoke-walk page). `mswVersion`: the version the page's
 * bundle reads from msw's package.json, as an app with that msw installed would have it.
 */
export async function serveWorkerPage(entry = 'test/browser/worker-page/main.ts', options: { mswVersion?: string } = {}) {
  const { mswVersion } = options
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    conditions: ['mockdesk-source', 'browser'],
    target: 'chrome120',
    logLevel: 'silent',
    plugins: mswVersion === undefined ? [] : [
      {
        name: 'msw-version',
        setup(build) {
          build.onResolve({ filter: /^msw\/package\.json$/ }, () => ({ path: 'msw-package.json', namespace: 'msw-version' }))
          build.onLoad({ filter: /.*/, namespace: 'msw-version' }, () => ({ contents: JSON.stringify({ name: 'msw', version: mswVersion }), loader: 'json' }))
        },
      },
    ],
  })
  return serveFiles({
    '/': { body: html, type: 'text/html; charset=utf-8' },
    '/page.js': { body: bundle.outputFiles[0]!.text, type: 'text/javascript; charset=utf-8' },
    '/mockServiceWorker.js': { body: readFileSync(workerScriptPath()), type: 'text/javascript; charset=utf-8' },
  })
}
