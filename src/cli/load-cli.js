/**
 * In a checkout (`npm start`, the CLI tests): starts the CLI from a bundle of the sources,
 * rebuilt with esbuild whenever a source, spec or fixture has changed; without esbuild, from the
 * TypeScript sources through tsx. A bundle starts about three times faster than compiling each
 * module as it loads (see the README's performance section). The bundle is split where the
 * sources import on use (each command, each API, the request log's pretty printer, ...), so a
 * start compiles only the code it runs. The published package does not use this file: its
 * `mockdesk` command is dist/cli.mjs, bundled the same way at pack time (tsdown.config.ts).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = new URL('../../', import.meta.url)
// Every file of the bundle sits one level under src/, like every source folder, so the sources'
// import.meta.url-relative lookups (specs/, src/sandbox/) resolve from any chunk as from the sources.
const bundleDir = new URL('../.bundle/', import.meta.url)
// The stamp names the sources' newest change and the entry file built from them.
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

/** Writes a file aside and renames it, so a parallel start never reads half of it. */
function writeWhole(url, contents) {
  const partial = new URL(`${basename(fileURLToPath(url))}.${process.pid}.partial`, url)
  writeFileSync(partial, contents)
  renameSync(partial, url)
}

// Files of earlier builds are removed once this old: a server started from one may still load
// its chunks on use, long after a rebuild.
const keepOldFilesMs = 24 * 60 * 60 * 1000

async function build(stamp) {
  const { build } = await import('esbuild')
  mkdirSync(bundleDir, { recursive: true })
  const { outputFiles } = await build({
    entryPoints: { cli: fileURLToPath(new URL('main.ts', import.meta.url)) },
    outdir: fileURLToPath(bundleDir),
    // Every file named by its contents: a parallel start of another build never overwrites a file
    // this one loads, and an unchanged chunk is not written again.
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    write: false,
    platform: 'node',
    format: 'esm',
    // ESM builds first: jsonc-parser's UMD build requires its parts at run time.
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'error',
  })
  const entry = outputFiles.find((file) => basename(file.path).startsWith('cli-'))
  const built = new Set(outputFiles.map((file) => basename(file.path)))
  // The entry last, so that every chunk it imports is in place before a start can find it.
  for (const file of [...outputFiles.filter((file) => file !== entry), entry]) {
    const url = new URL(basename(file.path), bundleDir)
    if (!existsSync(url)) writeWhole(url, file.contents)
  }
  writeWhole(stampFile, `${stamp}\n${basename(entry.path)}\n`)
  for (const name of readdirSync(bundleDir)) {
    const url = new URL(name, bundleDir)
    if (name.endsWith('.mjs') && !built.has(name) && Date.now() - statSync(url).mtimeMs > keepOldFilesMs) unlinkSync(url)
  }
  return basename(entry.path)
}

export async function loadCli() {
  let entry
  try {
    const stamp = newestChange()
    const [builtFrom, builtEntry] = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').split('\n') : []
    entry = builtFrom === stamp && builtEntry && existsSync(new URL(builtEntry, bundleDir)) ? builtEntry : await build(stamp)
  } catch (error) {
    if (process.env.MOCKDESK_DEBUG) console.error('mockdesk: no bundle, starting from the sources:', error)
    const { register } = await import('tsx/esm/api')
    register()
    await import('./main.ts')
    return
  }
  await import(new URL(entry, bundleDir).href)
}
