/**
 * Writes a file so that a crash leaves either the old content or the new, never a mix: the new
 * content goes to a temporary file that is flushed to disk, renamed over the old one, and the
 * directory is flushed so the rename itself survives a power cut.
 */
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs'
import path from 'node:path'

export function syncDirectory(directory: string): void {
  const fd = openSync(directory, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

export function writeFileAtomically(file: string, content: string): void {
  const temporary = `${file}.tmp-${process.pid}`
  const fd = openSync(temporary, 'w')
  try {
    writeSync(fd, content)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temporary, file)
  syncDirectory(path.dirname(file))
}
