/**
 * The README's "Use it in your frontend" snippets, as written: `mocks.ts` then `app.ts`, bundled
 * like an app (importing `mockdesk/browser` by its package name) and run in Chromium next to the
 * worker script `mockdesk init` writes. The app's `console.log` must print five customers.
 */
import { readFileSync } from 'node:fs'
import { build } from 'esbuild'
import type { ConsoleMessage } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { workerScriptPath } from '../../src/cli/init.ts'
import { describeInChromium, launchChromium, type Chromium } from '../browser/support/chromium.ts'
import { serveFiles } from '../browser/support/static-server.ts'

const readme = readFileSync('README.md', 'utf8')
const snippet = (file: string) => {
  const code = new RegExp('```ts\\n\\s*// ' + file.replace('.', '\\.') + '\\n([\\s\\S]*?)```').exec(readme)?.[1]
  if (!code) throw new Error(`README.md has no \`\`\`ts block starting with "// ${file}"`)
  // The blocks sit in a numbered list, so they are indented.
  return code.replace(/^ {3}/gm, '')
}

describeInChromium('README frontend example', () => {
  let chromium: Chromium
  let site: Awaited<ReturnType<typeof serveFiles>>
  const logged: ConsoleMessage[] = []
  const fromServiceWorker: boolean[] = []

  beforeAll(async () => {
    const bundle = await build({
      stdin: { contents: `${snippet('mocks.ts')}\n${snippet('app.ts')}`, resolveDir: process.cwd(), sourcefile: 'main.ts', loader: 'ts' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      conditions: ['mockdesk-source', 'browser'],
      logLevel: 'silent',
    })
    site = await serveFiles({
      '/': { body: '<!doctype html><meta charset="utf-8"><script type="module" src="/main.js"></script>', type: 'text/html' },
      '/main.js': { body: bundle.outputFiles[0]!.text, type: 'text/javascript' },
      '/mockServiceWorker.js': { body: readFileSync(workerScriptPath()), type: 'text/javascript' },
    })
    chromium = await launchChromium()
    const page = await chromium.context.newPage()
    // Only the app's own logging: the browser reports things like a missing favicon as errors.
    page.on('console', (message) => message.type() === 'log' && logged.push(message))
    page.on('response', (response) => {
      if (response.url().startsWith('https://api.toptickets.app/')) fromServiceWorker.push(response.fromServiceWorker())
    })
    await page.goto(site.url)
    await page.waitForEvent('console', { predicate: (message) => message.type() === 'log', timeout: 30_000 })
  }, 60_000)

  afterAll(async () => {
    await chromium?.close()
    await site?.close()
  })

  it('prints five customers fetched from the real base URL, answered by the service worker', async () => {
    expect(logged).toHaveLength(1)
    const customers = await logged[0]!.args()[0]!.jsonValue()
    expect(customers).toHaveLength(5)
    expect(customers[0]).toMatchObject({ id: expect.any(String), email: expect.stringContaining('@') })
    expect(fromServiceWorker).toEqual([true])
  })
})
