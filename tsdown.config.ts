/**
 * `npm run build` (and `prepack`): the JavaScript and declarations the published package runs
 * from. The sources stay the truth (the repo's own tests run from src/); this turns each public
 * entry into ESM and CommonJS with bundled .d.ts, and the CLI into one ESM file that starts fast.
 */
import { readdirSync } from 'node:fs'
import { defineConfig, type UserConfig } from 'tsdown'

const apiIds = readdirSync(new URL('./specs/', import.meta.url))
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => name.slice(0, -'.yaml'.length))

const library: UserConfig = {
  entry: {
    index: 'src/index.ts',
    'node/index': 'src/node/index.ts',
    'browser/index': 'src/browser/index.ts',
    'contract/index': 'src/contract/index.ts',
    'contract/vitest': 'src/contract/vitest.ts',
    'vite/index': 'src/vite/index.ts',
    // Types only: `import type { paths, Customer } from 'mockdesk/types/toptickets'`.
    ...Object.fromEntries(apiIds.map((id) => [`types/${id}`, `src/generated/${id}.ts`])),
  },
  outDir: 'dist',
  target: 'node20.19',
  dts: true,
  sourcemap: false,
  fixedExtension: true,
  // Every dependency and built-in stays external. "neutral", not "node": the node platform's
  // runtime helpers import node:module, which would reach the browser entry's chunks.
  platform: 'neutral',
  deps: { neverBundle: [/^node:/] },
  clean: false,
}

export default defineConfig([
  {
    ...library,
    format: 'esm',
    clean: true,
    outputOptions: { chunkFileNames: 'chunks/[name]-[hash].mjs' },
    // The sandbox page's request console: the two Swagger UI files it loads, with their licence,
    // so `mockdesk serve` serves them from the package (no CDN, and no swagger-ui-dist install).
    copy: [{ from: ['swagger-ui-bundle.js', 'swagger-ui.css', 'LICENSE', 'NOTICE'].map((file) => `node_modules/swagger-ui-dist/${file}`), to: 'dist/console' }],
  },
  {
    ...library,
    format: 'cjs',
    // import.meta.url in CommonJS (the specs and sandbox files are found from it).
    shims: true,
    // ESM-only dependencies are bundled in, so require() works where only CommonJS can load:
    // Jest's default runtime cannot require an ES module.
    deps: { neverBundle: [/^node:/], alwaysBundle: ['@faker-js/faker'] },
    outputOptions: { chunkFileNames: 'chunks/[name]-[hash].cjs' },
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    outDir: 'dist',
    target: 'node20.19',
    format: 'esm',
    fixedExtension: true,
    platform: 'node',
    dts: false,
    clean: false,
    // Dependencies bundled in: one file per command starts several times faster than resolving
    // and loading hundreds of modules from node_modules (see the README's Performance section).
    // Split where the sources import on use: each command, each API (src/generated/api-loaders.ts),
    // the request log's pretty printer; `mockdesk serve` compiles an API's chunk on its first request.
    deps: { alwaysBundle: () => true },
    inputOptions: { resolve: { mainFields: ['module', 'main'] } },
    outputOptions: { chunkFileNames: 'cli/[name]-[hash].mjs' },
    // Some bundled dependencies are CommonJS and call require() for Node built-ins.
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
  },
])
