/**
 * Fresh consumer projects installed from the packed tarball, as a user would: `npm pack` once,
 * copy test/consumers/fixtures/ into a temporary folder, write the README's snippets into it, and
 * `npm install` from the registry (the npm cache makes repeat runs fast). Child processes get a
 * clean environment, so nothing of this repo's test run (NODE_ENV=test, npm_config_*) leaks in.
 */
import { spawn } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
export const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url))

export function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|VITEST|VITE_|NODE_ENV$|NODE_OPTIONS$|TEST$|JEST_)/i.test(key)) continue
    env[key] = value
  }
  return { ...env, NO_COLOR: '1', CI: '1' }
}

export interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a command to its end, collecting its output (never throws on a non-zero exit). */
export function run(command: string, args: string[], cwd: string, timeoutMs = 300_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

export const describeRun = (result: Run) => `exit ${result.code}\n--- stdout\n${result.stdout.slice(-4000)}\n--- stderr\n${result.stderr.slice(-4000)}`

async function mustRun(command: string, args: string[], cwd: string): Promise<Run> {
  const result = await run(command, args, cwd)
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}: ${describeRun(result)}`)
  return result
}

/** `npm pack` of this repository (its prepack builds dist/), into a new temporary folder. */
export async function packTarball(): Promise<{ dir: string; tarball: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mockdesk-consumers-'))
  await mustRun('npm', ['pack', '--pack-destination', dir], repoRoot)
  const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'))
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${dir}`)
  return { dir, tarball: path.join(dir, tarball) }
}

/**
 * A folder of fixture projects sharing one node_modules: each subfolder has its own package.json
 * and tsconfig, as separate projects would; dependencies resolve from the parent, as in a monorepo.
 */
export async function installProject(
  dir: string,
  name: string,
  fixtureDirs: string[],
  devDependencies: Record<string, string>,
  files: Record<string, string> = {},
): Promise<string> {
  const root = path.join(dir, name)
  for (const fixture of fixtureDirs) cpSync(path.join(fixtures, fixture), path.join(root, fixture), { recursive: true })
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: `mockdesk-${name}`, private: true, devDependencies }, null, 2))
  // A fixture's empty folders (vite-app/src) are not in git: make each file's folder.
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    writeFileSync(path.join(root, file), content)
  }
  await mustRun('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], root)
  return root
}

export async function removeDir(dir: string | undefined) {
  if (dir) await rm(dir, { recursive: true, force: true })
}
