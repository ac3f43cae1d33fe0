/**
 * Where msw's `mockServiceWorker.js` is: the app's own msw (mockdesk's peer dependency) when the
 * app has one, so the worker script, the app's msw and mockdesk's handlers are one version and
 * one script serves them all (`msw init` writes the very same file).
 */
import { createRequire } from 'node:module'
import path from 'node:path'

export const workerFileName = 'mockServiceWorker.js'

export function workerScriptPath(appRoot: string = process.cwd()): string {
  const specifier = `msw/${workerFileName}`
  try {
    return createRequire(path.join(path.resolve(appRoot), 'package.json')).resolve(specifier)
  } catch {
    // No msw of the app's own (e.g. a global install): the one mockdesk resolves.
    return createRequire(import.meta.url).resolve(specifier)
  }
}
