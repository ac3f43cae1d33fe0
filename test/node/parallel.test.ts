/**
 * Parallel tests against one shared server, as the README shows them: a vitest run of its own
 * (test/node/parallel/) starts one server in a global setup, and three files in three workers at
 * once each use a session of their own; every file passes only if no other file's writes leak in.
 */
import { spawnSync } from 'node:child_process'
import { expect, it } from 'vitest'

it('runs three test files in parallel against one server, each isolated in its own session', () => {
  const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/node/parallel/vitest.config.ts', '--reporter', 'json'], {
    encoding: 'utf8',
    timeout: 150_000,
  })
  const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as {
    success: boolean
    numTotalTests: number
    numFailedTests: number
    testResults: Array<{ name: string; status: string; startTime: number; endTime: number }>
  }
  expect(report.numFailedTests, run.stderr).toBe(0)
  expect(report.success).toBe(true)
  expect(report.testResults.map((file) => file.name.split('/').pop()).sort()).toEqual(['contract.spec.ts', 'customers-deleted.spec.ts', 'customers.spec.ts'])
  expect(report.numTotalTests).toBeGreaterThan(10)
}, 160_000)
