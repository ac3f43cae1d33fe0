/**
 * The package as its users get it: packed once with `npm pack`, installed from the tarball into
 * fresh projects (test/consumers/fixtures/), and used there as the README says: plain Node (ESM
 * and CommonJS), vitest, Jest with its default CommonJS setup (ts-jest), tsc with `strict` and
 * `erasableSyntaxOnly` under the bundler, node16 and nodenext resolutions, a Vite app in
 * Chromium (dev server and production build), the installed CLI, and msw's version bounds.
 */
import { cpSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { describeInChromium, launchChromium, type Chromium } from '../browser/support/chromium.ts'
import { cleanEnv, describeRun, fixtures, installProject, packTarball, removeDir, repoRoot, run } from './support/packed-project.ts'
import { readmeSnippet } from './support/readme-snippets.ts'

const minutes = (n: number) => n * 60_000
// Installs, builds and type checks of whole projects: minutes, not seconds, on a busy machine.
vi.setConfig({ testTimeout: minutes(5), hookTimeout: minutes(5) })
/** The supported msw range's bounds (package.json's peerDependencies say ^2.7.0). */
const oldestMsw = '2.7.0'

let dir: string | undefined
let tarball: string
/** Every setup but Jest, with the newest msw 2.x. */
let app: string
/** Jest and plain Node with the oldest supported msw (newer msw does not load in Jest's CommonJS runtime). */
let oldest: string

const node = (script: string, cwd: string) => run(process.execPath, [script], cwd)
const bin = (name: string, root = app) => path.join(root, 'node_modules', '.bin', name)

beforeAll(async () => {
  ;({ dir, tarball } = await packTarball())
  const typedClient = readmeSnippet('typed-client.ts')
  ;[app, oldest] = await Promise.all([
    installProject(
      dir,
      'app',
      ['node-esm', 'node-cjs', 'vitest', 'tsc-node16', 'tsc-nodenext', 'vite-app'],
      {
        mockdesk: `file:${tarball}`,
        msw: '^2.7.0',
        vitest: '^4.1.0',
        '@types/node': '^20.19.0',
        typescript: '~5.9.0',
        vite: '^8.0.0',
        'openapi-fetch': '^0.17.0',
      },
      {
        'vitest/customers.test.ts': readmeSnippet('customers.test.ts'),
        'vitest/typed-client.ts': typedClient,
        'tsc-node16/typed-client.ts': typedClient,
        'tsc-nodenext/typed-client.ts': typedClient,
        'vite-app/vite.config.ts': readmeSnippet('vite.config.ts'),
        'vite-app/src/main.ts': readmeSnippet('src/main.ts'),
        'vite-app/src/app.ts': readmeSnippet('src/app.ts'),
        'vite-app/src/typed-client.ts': typedClient,
      },
    ),
    installProject(
      dir,
      'oldest-msw',
      ['jest', 'lower-msw'],
      {
        mockdesk: `file:${tarball}`,
        msw: oldestMsw,
        jest: '^30.0.0',
        'ts-jest': '^29.4.0',
        '@types/jest': '^30.0.0',
        '@types/node': '^20.19.0',
        typescript: '~5.9.0',
      },
      { 'jest/customers.spec.ts': readmeSnippet('customers.spec.ts') },
    ),
  ])
}, minutes(15))

afterAll(() => removeDir(dir), minutes(2))

describe('the packed tarball', () => {
  it('ships built code, declarations, specs, the sandbox page and the config schema, and no sources, tests or tooling', async () => {
    const listing = await run('tar', ['-tzf', tarball], path.dirname(tarball))
    const files = listing.stdout.split('\n').filter(Boolean).map((file) => file.replace(/^package\//, ''))
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'dist/cli.mjs', 'dist/node/index.mjs', 'dist/node/index.cjs', 'dist/node/index.d.mts', 'dist/node/index.d.cts', 'dist/types/toptickets.d.mts', 'specs/toptickets.yaml', 'src/sandbox/index.html', 'dist/console/swagger-ui-bundle.js', 'dist/console/swagger-ui.css', 'dist/console/LICENSE']))
    expect(files.filter((file) => /^(test|\.ci|fixtures)\/|^src\/(?!sandbox\/|config\/mockdesk\.config\.schema\.json$)|tsconfig|\.ts$/.test(file) && !file.endsWith('.d.mts') && !file.endsWith('.d.cts'))).toEqual([])
  })
})

describe('plain Node', () => {
  it('imports every Node entry as ESM, and the mock answers', async () => {
    const result = await node('index.js', path.join(app, 'node-esm'))
    expect(result.code, describeRun(result)).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({
      status: 200,
      customers: 2,
      apiIds: ['billingplatform', 'omnidesk', 'ticketsource', 'tomticket', 'toptickets'],
      createMockdesk: 'function',
      runContract: 'function',
      spec: true,
    })
  })

  it('requires every Node entry from CommonJS, and the mock answers', async () => {
    const result = await node('index.js', path.join(app, 'node-cjs'))
    expect(result.code, describeRun(result)).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 200, customers: 2, runContract: 'function' })
  })
})

describe('test runners', () => {
  it('vitest runs the README example and the typed client against mockdesk/node', async () => {
    const result = await run(bin('vitest'), ['run'], path.join(app, 'vitest'))
    expect(result.code, describeRun(result)).toBe(0)
    expect(result.stdout).toMatch(/Tests\s+2 passed/)
  })

  it(`Jest with its default CommonJS setup (ts-jest preset, msw ${oldestMsw}) runs the README example, without warnings`, async () => {
    const result = await run(bin('jest', oldest), [], path.join(oldest, 'jest'))
    expect(result.code, describeRun(result)).toBe(0)
    expect(result.stderr).toMatch(/Tests:\s+1 passed/)
    expect(result.stderr).not.toMatch(/warn|deprecat|experimental/i)
  })
})

describe('TypeScript consumers (strict, erasableSyntaxOnly, no allowImportingTsExtensions)', () => {
  it("node16, nodenext and a Vite app (bundler): every entry, the vendor types and the README's typed client check with 0 errors", async () => {
    const projects = ['tsc-node16', 'tsc-nodenext', 'vite-app']
    const results = await Promise.all(projects.map((project) => run(bin('tsc'), ['-p', project], app)))
    results.forEach((result, index) => {
      expect(result.code, `${projects[index]}: ${describeRun(result)}`).toBe(0)
      expect(result.stdout).toBe('')
    })
  }, minutes(6))
})

describe('msw versions', () => {
  it(`the oldest supported msw (${oldestMsw}) works in plain Node`, async () => {
    const result = await node('index.js', path.join(oldest, 'lower-msw'))
    expect(result.code, describeRun(result)).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({ msw: oldestMsw, status: 200, customers: 2 })
  })

  it('setupMockdesk refuses an installed msw outside the range (3.0.0, 2.6.0) with MOCKDESK_MSW_VERSION and the fix', async () => {
    for (const version of ['3.0.0', '2.6.0']) {
      // A project of its own inside the app (the rest of the dependencies resolve from there),
      // with copies of mockdesk and of msw, whose package.json says `version`.
      const project = path.join(app, `msw-${version}`)
      cpSync(path.join(fixtures, 'msw-out-of-range'), project, { recursive: true })
      cpSync(path.join(app, 'node_modules/mockdesk'), path.join(project, 'node_modules/mockdesk'), { recursive: true })
      cpSync(path.join(app, 'node_modules/msw'), path.join(project, 'node_modules/msw'), { recursive: true })
      const mswPackage = path.join(project, 'node_modules/msw/package.json')
      writeFileSync(mswPackage, JSON.stringify({ ...JSON.parse(readFileSync(mswPackage, 'utf8')), version }, null, 2))
      const result = await node('index.js', project)
      expect(result.code, describeRun(result)).toBe(0)
      const outcome = JSON.parse(result.stdout)
      expect(outcome, version).toMatchObject({ started: false, name: 'KitError', code: 'MOCKDESK_MSW_VERSION', fix: 'npm install --save-dev msw@^2.7.0' })
      expect(outcome.message).toContain(`but this app has msw ${version} (${path.join(project, 'node_modules/msw')})`)
    }
  })

  it('msw 3 is refused at install time, naming the peer range', async () => {
    const result = await run('npm', ['install', '--dry-run', '--prefer-offline', '--no-audit', '--no-fund', `mockdesk@file:${tarball}`, 'msw@3'], dir!)
    expect(result.code, describeRun(result)).not.toBe(0)
    expect(result.stderr).toMatch(/ERESOLVE/)
    expect(result.stderr).toMatch(/peer msw@"\^2\.7\.0" from mockdesk/)
  }, minutes(3))
})

describe('the installed CLI', () => {
  it('prints its version with --version and -v', async () => {
    const { version } = JSON.parse(readFileSync(path.join(app, 'node_modules/mockdesk/package.json'), 'utf8'))
    for (const flag of ['--version', '-v']) {
      const result = await run(bin('mockdesk'), [flag], app)
      expect(result.code, describeRun(result)).toBe(0)
      expect(result.stdout.trim()).toBe(version)
    }
  })

  it('serves from the built bundle: the sandbox page, a spec-backed API', async () => {
    const port = await freePort()
    const server = spawn(bin('mockdesk'), ['serve', '--port', String(port)], { cwd: app, env: cleanEnv(), stdio: 'ignore' })
    try {
      const base = `http://127.0.0.1:${port}`
      await waitFor(() => fetch(`${base}/__mockdesk/health`).then((r) => r.ok))
      const customers = await fetch(`${base}/toptickets/v1/customers?limit=2`, { headers: { Authorization: 'Bearer tt_admin_9f3k2m7x4q8w1e6r5t0y3u2i9o8p7a6s' } })
      expect(customers.status).toBe(200)
      expect(await customers.json()).toHaveLength(2)
      const page = await fetch(`${base}/`)
      expect(await page.text()).toContain('<html')
      // The sandbox page's request console comes from the installed package, not a CDN.
      const console = await fetch(`${base}/console/swagger-ui-bundle.js`)
      expect([console.status, console.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8'])
      expect((await console.text()).length).toBeGreaterThan(1_000_000)
    } finally {
      server.kill()
    }
  })

  it('mockdesk init and msw init write the same worker script, so neither undoes the other', async () => {
    const mockdeskInit = await run(bin('mockdesk'), ['init', 'public-mockdesk'], app)
    expect(mockdeskInit.code, describeRun(mockdeskInit)).toBe(0)
    const mswInit = await run(bin('msw'), ['init', 'public-msw', '--no-save'], app)
    expect(mswInit.code, describeRun(mswInit)).toBe(0)
    const written = readFileSync(path.join(app, 'public-mockdesk/mockServiceWorker.js'), 'utf8')
    expect(written).toBe(readFileSync(path.join(app, 'public-msw/mockServiceWorker.js'), 'utf8'))
  })
})

describe('Vite production build', () => {
  it('holds no mockdesk code and no worker script', async () => {
    const result = await run(bin('vite'), ['build'], path.join(app, 'vite-app'))
    expect(result.code, describeRun(result)).toBe(0)
    const out = path.join(app, 'vite-app/dist')
    const files = walk(out)
    expect(files.map((file) => path.basename(file))).not.toContain('mockServiceWorker.js')
    const code = files.filter((file) => file.endsWith('.js')).map((file) => readFileSync(file, 'utf8')).join('\n')
    // The app's own fetch is there; nothing of mockdesk, msw or Faker is.
    expect(code).toContain('api.toptickets.app')
    expect(code).not.toMatch(/MOCKDESK_|setupMockdeskWorker|mockServiceWorker|faker|msw/i)
  })

})

describe('size in a web app', () => {
  it('mockdesk/browser stays within the budgets of .size-limit.js (one API, all five; gzip)', async () => {
    // npm pack (above) has just built dist/, which size-limit bundles for the browser.
    const result = await run(process.execPath, [path.join(repoRoot, 'node_modules/size-limit/bin.js'), '--json'], repoRoot)
    const checks: Array<{ name: string; passed: boolean; size: number }> = JSON.parse(result.stdout)
    expect(checks.length, describeRun(result)).toBe(3)
    expect(checks.filter((check) => !check.passed), describeRun(result)).toEqual([])
  })
})

describeInChromium('Vite dev server in Chromium', () => {
  let chromium: Chromium
  let vite: ChildProcess
  let url: string
  let page: Page
  const answered: boolean[] = []

  beforeAll(async () => {
    const port = await freePort()
    vite = spawn(bin('vite'), ['--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: path.join(app, 'vite-app'), env: cleanEnv(), stdio: 'ignore' })
    url = `http://127.0.0.1:${port}/`
    await waitFor(() => fetch(url).then((r) => r.ok))
    chromium = await launchChromium()
    page = await chromium.context.newPage()
    page.on('response', (response) => {
      if (response.url().startsWith('https://api.toptickets.app/')) answered.push(response.fromServiceWorker())
    })
  }, minutes(2))

  afterAll(async () => {
    await chromium?.close()
    vite?.kill()
  })

  const customerNames = async () => {
    await page.waitForFunction(() => (document.querySelector('#app')?.textContent ?? '') !== '', undefined, { timeout: 60_000 })
    return (await page.textContent('#app'))!.split(', ')
  }

  it('answers the app from the service worker on the first visit', async () => {
    await page.goto(url)
    expect(await customerNames()).toHaveLength(5)
    expect(answered).toEqual([true])
  }, minutes(2))

  it('and after a reload', async () => {
    await page.reload()
    expect(await customerNames()).toHaveLength(5)
    expect(answered).toEqual([true, true])
  }, minutes(2))
})

function walk(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name)
    return statSync(file).isDirectory() ? walk(file) : [file]
  })
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs
  for (;;) {
    if (await check().catch(() => false)) return
    if (Date.now() > until) throw new Error('timed out waiting for the server')
    await sleep(100)
  }
}

