// The README's "Parallel tests against one server" set-up, run by ../parallel.test.ts: one shared
// server (global setup), three test files in three workers at once, each in a session of its own.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    root: 'test/node/parallel',
    include: ['*.spec.ts'],
    globalSetup: ['./mockdesk.setup.ts'],
    maxWorkers: 3,
    fileParallelism: true,
  },
})
