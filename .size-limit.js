/**
 * `npx size-limit` (after `npm run build`; the consumer suite runs it): what mockdesk adds to a
 * web app through `mockdesk/browser`, minified and gzipped, with msw, Faker and request
 * validation included. One API: the other APIs' chunks are left out, as an app that mounts one
 * API never loads them. The budgets are the README's; a build that outgrows one fails.
 */
import { readdirSync } from 'node:fs'

const apiIds = readdirSync(new URL('./specs/', import.meta.url))
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => name.slice(0, -'.yaml'.length))

/** An esbuild plugin that leaves every API chunk but `kept` out of the bundle. */
const onlyApi = (kept) => ({
  name: `only-${kept}`,
  setup(build) {
    // An API's chunk, however it is imported: `../chunks/<id>-<hash>.mjs` from an entry, or
    // `./<id>-<hash>.mjs` from the shared chunk of the registry (load-apis.ts, which the Node
    // entry's server uses too).
    const others = new RegExp(`(?:^|/)(${apiIds.filter((id) => id !== kept).join('|')})-[\\w-]+\\.mjs$`)
    build.onResolve({ filter: others }, (args) => ({ path: args.path, external: true }))
  },
})

/**
 * size-limit leaves peer dependencies out of the bundle it measures; msw is one (the app's own
 * msw is the one mockdesk uses), but it ships with mockdesk's worker all the same, so it is
 * counted: msw/browser alone is about 94 kB of each figure.
 */
const withMsw = (config, plugins = []) => ({
  ...config,
  external: (config.external ?? []).filter((name) => name !== 'msw'),
  plugins: [...(config.plugins ?? []), ...plugins],
})

const browser = { path: 'dist/browser/index.mjs', import: '{ setupMockdeskWorker }', gzip: true }

export default [
  {
    name: 'mockdesk/browser, one API (toptickets)',
    ...browser,
    limit: '238 kB',
    modifyEsbuildConfig: (config) => withMsw(config, [onlyApi('toptickets')]),
  },
  {
    name: 'mockdesk/browser, one API (omnidesk, the largest)',
    ...browser,
    limit: '255 kB',
    modifyEsbuildConfig: (config) => withMsw(config, [onlyApi('omnidesk')]),
  },
  { name: 'mockdesk/browser, all five APIs', ...browser, limit: '344 kB', modifyEsbuildConfig: (config) => withMsw(config) },
]
