import { defineConfig } from 'vitest/config'

// The repo's own tests import `mockdesk/...` from the sources (the export map's "mockdesk-source"
// condition); the built package is tested from its tarball by test/consumers/.
const conditions = ['mockdesk-source', 'module', 'node', 'development|production']

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['node'] } },
  test: {
    include: ['test/**/*.test.ts'],
    // Fixture projects' own tests run inside them, installed from the tarball (test/consumers/).
    exclude: ['test/consumers/fixtures/**', '**/node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
})
