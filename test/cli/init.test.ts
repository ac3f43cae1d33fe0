import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { workerScriptPath } from '../../src/node/worker-script.ts'

const run = promisify(execFile)
const mockdesk = (...args: string[]) =>
  run('node', ['src/cli/mockdesk.js', ...args]).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  )

it('mockdesk init writes the worker script of the msw mockdesk uses, creating the folder', async () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'mockdesk-init-')), 'public')
  const result = await mockdesk('init', dir)
  expect(result.code).toBe(0)
  expect(result.stdout).toContain('mockServiceWorker.js')
  const written = readFileSync(path.join(dir, 'mockServiceWorker.js'), 'utf8')
  expect(written).toBe(readFileSync(workerScriptPath(), 'utf8'))
  const { version } = JSON.parse(readFileSync(path.join(path.dirname(workerScriptPath()), '..', 'package.json'), 'utf8'))
  expect(written).toContain(`const PACKAGE_VERSION = '${version}'`)
})

it('mockdesk init says what is wrong: no folder (usage, exit 2), or a file in its place (exit 1)', async () => {
  const missing = await mockdesk('init')
  expect(missing.code).toBe(2)
  expect(missing.stderr).toContain('Usage: mockdesk init <public dir>')
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'mockdesk-init-')), 'public')
  writeFileSync(file, '')
  const clash = await mockdesk('init', file)
  expect(clash.code).toBe(1)
  expect(clash.stderr).toContain('is a file, not a folder')
})

it('mockdesk init refuses an msw outside the supported major, saying which one and how to fix it', async () => {
  // An app with msw 3 installed (forced past the peer range): its worker would not match mockdesk's msw 2 handlers.
  const app = mkdtempSync(path.join(tmpdir(), 'mockdesk-msw3-'))
  const msw = path.join(app, 'node_modules/msw')
  mkdirSync(path.join(msw, 'lib'), { recursive: true })
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }))
  writeFileSync(path.join(msw, 'package.json'), JSON.stringify({ name: 'msw', version: '3.0.5', exports: { './mockServiceWorker.js': './lib/mockServiceWorker.js' } }))
  writeFileSync(path.join(msw, 'lib/mockServiceWorker.js'), '// msw 3 worker')
  const result = await run('node', [path.resolve('src/cli/mockdesk.js'), 'init', 'public'], { cwd: app }).then(
    () => ({ code: 0, stderr: '' }),
    (error: { code: number; stderr: string }) => error,
  )
  expect(result.code).toBe(1)
  expect(result.stderr).toContain('MOCKDESK_MSW_VERSION: mockdesk supports msw 2.x, but this app has msw 3.0.5')
  expect(result.stderr).toContain('npm install --save-dev msw@^2.7.0')
  expect(existsSync(path.join(app, 'public/mockServiceWorker.js'))).toBe(false)
})
