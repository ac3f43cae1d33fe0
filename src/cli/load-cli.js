/**
 * In a checkout (`npm start`, the CLI tests): starts the CLI from one bundled file of the sources,
 * rebuilt with esbuild whenever a source, spec or fixture has changed; without esbuild, from the
 * TypeScript sources through tsx. One bundled file starts about three times faster than compiling
 * each module as it loads (see the README's performance section). The published package does not
 * use this file: its `mockdesk` command is dist/cli.mjs, bundled at pack time (tsdown.config.ts).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = new URL('../../', import.meta.url)
// One level under src/, like every source folder, so the sources' import.meta.url-relative
// lookups (specs/, src/sandbox/) resolve from the bundle as they do from the sources.
const bundleDir = new URL('../.bundle/', import.meta.url)
const bundle = new URL('cli.mjs', bundleDir)
const stampFile = new URL('stamp.txt', bundleDir)

/** The newest modification time among the files the bundle is made of. */
function newestChange() {
  let newest = statSync(new URL('package-lock.json', root)).mtimeMs
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === '.bundle') continue
      const path = `${dir}/${entry.name}`
      if (entry.isDirectory()) walk(path)
      else newest = Math.max(newest, statSync(path).mtimeMs)
    }
  }
  for (const dir of ['src', 'specs', 'fixtures']) walk(fileURLToPath(new URL(dir, root)))
  return String(newest)
}

async function build(stamp) {
  const { build } = await import('esbuild')
  mkdirSync(bundleDir, { recursive: true })
  // Written aside and renamed, so a parallel start never imports half a file.
  const partial = new URL(`cli.${process.pid}.mjs`, bundleDir)
  await build({
    entryPoints: [fileURLToPath(new URL('main.ts', import.meta.url))],
    outfile: fileURLToPath(partial),
    bundle: true,
    platform: 'node',
    format: 'esm',
    // ESM builds first: jsonc-parser's UMD build requires its parts at run time.
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'error',
  })
  renameSync(partial, bundle)
  writeFileSync(stampFile, stamp)
}

export async function loadCli() {
  let stamp
  try {
    stamp = newestChange()
    const fresh = existsSync(bundle) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp
    if (!fresh) await build(stamp)
  } catch (error) {
    if (process.env.MOCKDESK_DEBUG) console.error('mockdesk: no bundle, starting from the sources:', error)
    const { register } = await import('tsx/esm/api')
    register()
    await import('./main.ts')
    return
  }
  await import(bundle.href)
}
