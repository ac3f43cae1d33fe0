/**
 * `mockdesk init <public dir>`: writes msw's `mockServiceWorker.js` where the app's dev server
 * serves static files. It is copied from the app's own msw (mockdesk's peer dependency), so it is
 * the very file `msw init` writes: one worker script serves mockdesk and the app's own handlers.
 */
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { workerFileName, workerScriptPath } from '../node/worker-script.ts'
import { UsageError } from './usage-error.ts'

const usage = `Usage: mockdesk init <public dir>

Writes mockServiceWorker.js into <public dir>, the folder your dev server serves at the site root
(public/ for Vite, Next.js and Create React App; static/ for SvelteKit). Run it again after
upgrading msw. It is msw's own script (the file "npx msw init" writes), so it also serves your
own msw handlers. With Vite, the mockdeskWorker() plugin from "mockdesk/vite" serves it in
development instead, and production builds get no worker script.
Then call setupMockdeskWorker() from "mockdesk/browser" before your app starts.`

export { workerFileName, workerScriptPath }

export async function init(args: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), usage)
  }
  if (parsed.values.help) {
    console.log(usage)
    return 0
  }
  const [dir, ...extra] = parsed.positionals
  if (!dir) throw new UsageError('name the public folder to write the worker into, e.g. "mockdesk init public/".', usage)
  if (extra.length > 0) throw new UsageError(`expected one folder, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}.`, usage)

  const target = path.resolve(dir)
  if (existsSync(target) && !statSync(target).isDirectory()) {
    throw new Error(`${target} is a file, not a folder. Pass the folder your dev server serves at the site root, e.g. public/.`)
  }
  mkdirSync(target, { recursive: true })
  const file = path.join(target, workerFileName)
  copyFileSync(workerScriptPath(), file)
  const shown = path.relative(process.cwd(), file)
  console.log(`Wrote ${shown.startsWith('..') ? file : shown}. Your app must serve it at /${workerFileName}.`)
  return 0
}
