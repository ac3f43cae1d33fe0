/**
 * `mockdesk serve --watch`: re-reads the config file when it changes and hands the new, valid
 * config on. The directory is watched rather than the file, because editors save by writing a new
 * file and renaming it over the old one. A config that fails validation is reported and ignored:
 * the server keeps running with the last good one.
 */
import { watch } from 'node:fs'
import path from 'node:path'
import type { MockdeskConfig } from '../config/mockdesk-config.ts'
import { readConfigFile } from './read-config-file.ts'

export function watchConfigFile(file: string, onChange: (config: MockdeskConfig) => Promise<void>, onError: (error: unknown) => void): () => void {
  const absolute = path.resolve(file)
  let timer: ReturnType<typeof setTimeout> | undefined
  let running = Promise.resolve()
  const watcher = watch(path.dirname(absolute), (_event, name) => {
    if (name !== path.basename(absolute)) return
    // Saves come as several events; act once they settle, and one change at a time.
    clearTimeout(timer)
    timer = setTimeout(() => {
      running = running.then(() => readConfigFile(file).then(onChange)).catch(onError)
    }, 100)
  })
  return () => {
    clearTimeout(timer)
    watcher.close()
  }
}
