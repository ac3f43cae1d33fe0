/**
 * The README's "Use it in your frontend" snippets, as written and as separate files: `src/main.ts`
 * (mocking enabled before the app starts) and `src/app.ts`, bundled like a development build
 * (`import.meta.env.DEV` true; `mockdesk/browser` by its package name, from the sources) and run
 * in Chromium next to msw's worker script. The page must show five customers, fetched from the
 * real base URL and answered by the service worker. test/consumers/ does the same with Vite and
 * the packed package.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { build } from 'esbuild'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { workerScriptPath } from '../../src/node/worker-script.ts'
import { describeInChromium, launchChromium, type Chromium } from '../browser/support/chromium.ts'
import { serveFiles } from '../browser/support/static-server.ts'
import { readmeSnippet } from '../consumers/support/readme-snippets.ts'

describeInChromium('README frontend example', () => {
  let chromium: Chromium
  let site: Awaited<ReturnType<typeof serveFiles>>
  let page: Page
  const fromServiceWorker: boolean[] = []
  const dir = mkdtempSync(path.join(tmpdir(), 'mockdesk-frontend-'))

  beforeAll(async () => {
    mkdirSync(path.join(dir, 'src'))
    writeFileSync(path.join(dir, 'src/main.ts'), readmeSnippet('src/main.ts'))
    writeFileSync(path.join(dir, 'src/app.ts'), readmeSnippet('src/app.ts'))
    // The app's node_modules/mockdesk is this checkout, as a linked install would be.
    mkdirSync(path.join(dir, 'node_modules'))
    symlinkSync(path.resolve('.'), path.join(dir, 'node_modules/mockdesk'), 'dir')
    const bundle = await build({
      entryPoints: [path.join(dir, 'src/main.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      conditions: ['mockdesk-source', 'browser'],
      define: { 'import.meta.env.DEV': 'true' },
      logLevel: 'silent',
    })
    site = await serveFiles({
      '/': { body: '<!doctype html><meta charset="utf-8"><div id="app"></div><script type="module" src="/main.js"></script>', type: 'text/html' },
      '/main.js': { body: bundle.outputFiles[0]!.text, type: 'text/javascript' },
      '/mockServiceWorker.js': { body: readFileSync(workerScriptPath()), type: 'text/javascript' },
    })
    chromium = await launchChromium()
    page = await chromium.context.newPage()
    page.on('response', (response) => {
      if (response.url().startsWith('https://api.toptickets.app/')) fromServiceWorker.push(response.fromServiceWorker())
    })
    await page.goto(site.url)
    await page.waitForFunction(() => (document.querySelector('#app')?.textContent ?? '') !== '', undefined, { timeout: 30_000 })
  }, 60_000)

  afterAll(async () => {
    await chromium?.close()
    await site?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('shows five customers fetched from the real base URL, answered by the service worker', async () => {
    const names = (await page.textContent('#app'))!.split(', ')
    expect(names).toHaveLength(5)
    expect(names.every((name) => name.length > 0)).toBe(true)
    expect(fromServiceWorker).toEqual([true])
  })
})
