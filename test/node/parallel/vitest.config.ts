// The README's "Parallel tests against one server" set-up, run by ../parallel.test.ts: one shared
// server (global setup), three test files in three workers at once, each in a session of its own.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// `mockdesk/...` from the sources, as the repo's own tests take it (a user's project gets the
// installed package); an alias, since the global setup resolves outside the test environments.
const source = (file: string) => fileURLToPath(new URL(`../../../src/${file}`, import.meta.url))

export default defineConfig({
  resolve: {
    alias: {
      'mockdesk/node': source('node/index.ts'),
      'mockdesk/contract/vitest': source('contract/vitest.ts'),
    },
  },
  test: {
    include: ['test/node/parallel/*.spec.ts'],
    globalSetup: ['test/node/parallel/mockdesk.setup.ts'],
    maxWorkers: 3,
    fileParallelism: true,
  },
})
