/**
 * Where msw's `mockServiceWorker.js` is: the app's own msw (mockdesk's peer dependency) when the
 * app has one, so the worker script, the app's msw and mockdesk's handlers are one version and
 * one script serves them all (`msw init` writes the very same file). An msw outside the supported
 * major is refused here, with the fix, before a mismatched worker can break the page's reloads.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { checkMswVersion } from '../core/msw-version.ts'

export const workerFileName = 'mockServiceWorker.js'

export function workerScriptPath(appRoot: string = process.cwd()): string {
  const specifier = `msw/${workerFileName}`
  let script: string
  try {
    script = createRequire(path.join(path.resolve(appRoot), 'package.json')).resolve(specifier)
  } catch {
    // No msw of the app's own (e.g. a global install): the one mockdesk resolves.
    script = createRequire(import.meta.url).resolve(specifier)
  }
  // The worker script sits in msw's lib/ folder in every 2.x and 3.x release.
  const { version } = JSON.parse(readFileSync(path.join(path.dirname(script), '..', 'package.json'), 'utf8')) as { version: string }
  checkMswVersion(version, path.dirname(path.dirname(script)))
  return script
}
