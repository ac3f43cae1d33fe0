import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
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
