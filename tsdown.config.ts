/**
 * `npm run build` (and `prepack`): the JavaScript and declarations the published package runs
 * from. The sources stay the truth (the repo's own tests run from src/); this turns each public
 * entry into ESM + CommonJS with bundled .d.ts, and the CLI into one ESM file that starts fast.
 */
import { readdirSync } from 'node:fs'
import { defineConfig } from 'tsdown'

const apiIds = readdirSync(new URL('./specs/', import.meta.url))
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => name.slice(0, -'.yaml'.length))

const shared = {
  outDir: 'dist',
  target: 'node20.19',
  dts: true,
  sourcemap: false,
  // import.meta.url in the CommonJS build (the specs and sandbox files are found from it).
  shims: true,
  fixedExtension: true,
} as const

export default defineConfig([
  {
    ...shared,
    entry: {
      index: 'src/index.ts',
      'node/index': 'src/node/index.ts',
      'browser/index': 'src/browser/index.ts',
      'contract/index': 'src/contract/index.ts',
      'contract/vitest': 'src/contract/vitest.ts',
      ...Object.fromEntries(apiIds.map((id) => [`types/${id}`, `src/generated/${id}.ts`])),
    },
    format: ['esm', 'cjs'],
    // Every dependency stays external, so the platform only decides how built-ins are treated;
    // the browser entry's chunks hold no Node built-in (a test bundles it for the browser).
    platform: 'node',
    outputOptions: (options, format) => ({ ...options, chunkFileNames: `chunks/[name]-[hash].${format === 'cjs' ? 'cjs' : 'mjs'}` }),
  },
  {
    ...shared,
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    platform: 'node',
    dts: false,
    clean: false,
    // Dependencies bundled in: one file starts several times faster than resolving and loading
    // hundreds of modules from node_modules (see the README's Performance section).
    noExternal: () => true,
    inputOptions: { resolve: { mainFields: ['module', 'main'] } },
    outputOptions: { chunkFileNames: 'cli/[name]-[hash].mjs' },
    // Some bundled dependencies are CommonJS and call require() for Node built-ins.
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
  },
])
