/**
 * The data directory (`--data-dir DIR`): a marker file says it is mockdesk's and what it was made
 * for (format, APIs, seed, count), and a lock file says which process uses it. A directory that is
 * not empty and has no marker, a marker of another format or other data, a directory that cannot
 * be read or written, or one another live server holds: each refuses the start with a message that
 * says what to do, never a silent start from empty.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync, fsyncSync, accessSync, constants } from 'node:fs'
import path from 'node:path'
import { writeFileAtomically } from './atomic-file.ts'

export const markerFile = 'mockdesk-data.json'
const lockFile = 'lock'
export const dataFormat = 'mockdesk-data'
// Version 2: the TopTickets seed generates other customers than version 1's did, and a world's
// journal replays onto its seeded records, so a version-1 journal would silently rebuild another
// world. Such a directory is refused, with the way to carry its worlds over.
export const dataFormatVersion = 2

export interface DataIdentity {
  apis: string[]
  seed: number
  /** The --count given, if any. */
  count: number | null
}

export class DataDirError extends Error {
  override name = 'DataDirError'
}

export interface DataDir {
  root: string
  /** The directory of one world's files. */
  worldDir(name: string): string
  worldNames(): string[]
  release(): void
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Takes the lock, or says who holds it; a lock left by a process that is gone is taken over. */
function lock(root: string): () => void {
  const file = path.join(root, lockFile)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx')
      writeSync(fd, String(process.pid))
      fsyncSync(fd)
      closeSync(fd)
      return () => rmSync(file, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number(readFileSync(file, 'utf8').trim())
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new DataDirError(`${root} is in use by another mockdesk server (process ${holder}). Stop it, or give this server another --data-dir.`)
      }
      rmSync(file, { force: true })
    }
  }
  throw new DataDirError(`Could not lock ${root}: remove ${file} if no mockdesk server uses the directory.`)
}

export function openDataDir(root: string, identity: DataIdentity): DataDir {
  const absolute = path.resolve(root)
  try {
    mkdirSync(absolute, { recursive: true })
    accessSync(absolute, constants.R_OK | constants.W_OK | constants.X_OK)
  } catch (error) {
    throw new DataDirError(`Cannot use ${absolute} as the data dir: ${(error as Error).message}. Give a directory this user can read and write.`)
  }
  const marker = path.join(absolute, markerFile)
  const entries = readdirSync(absolute)
  if (!entries.includes(markerFile)) {
    if (entries.length > 0) {
      throw new DataDirError(
        `${absolute} is not empty and is not a mockdesk data dir (it has no ${markerFile}). Refusing to write into it: give an empty or new directory, or the one an earlier mockdesk serve --data-dir used.`,
      )
    }
    writeFileAtomically(marker, `${JSON.stringify({ format: dataFormat, version: dataFormatVersion, ...identity, created: new Date().toISOString() }, null, 2)}\n`)
  } else {
    let saved: Record<string, unknown>
    try {
      saved = JSON.parse(readFileSync(marker, 'utf8'))
    } catch (error) {
      throw new DataDirError(`${marker} cannot be read (${(error as Error).message}). The data dir may be damaged: restore it from a backup, or start with an empty --data-dir.`)
    }
    if (saved.format === dataFormat && saved.version === 1) {
      throw new DataDirError(
        `${absolute} was made by an earlier mockdesk (data version 1), whose seeded data differs from this one's: its journals would replay onto other records. ` +
          `Start with an empty --data-dir, or carry a world over: GET /__mockdesk/snapshot from the earlier mockdesk, then POST the file to /__mockdesk/snapshot of this one.`,
      )
    }
    if (saved.format !== dataFormat || saved.version !== dataFormatVersion) {
      throw new DataDirError(`${absolute} holds data of format ${JSON.stringify(saved.format)} version ${JSON.stringify(saved.version)}; this mockdesk reads ${dataFormat} version ${dataFormatVersion}. Use a data dir made by this version, or an empty one.`)
    }
    const same = JSON.stringify(saved.apis) === JSON.stringify(identity.apis) && saved.seed === identity.seed && (saved.count ?? null) === identity.count
    if (!same) {
      throw new DataDirError(
        `${absolute} keeps worlds of APIs ${JSON.stringify(saved.apis)}, seed ${saved.seed}, count ${saved.count ?? 'default'}, but this server mounts ${JSON.stringify(identity.apis)} with seed ${identity.seed}, count ${identity.count ?? 'default'}. Start with the options it was made with, or another --data-dir.`,
      )
    }
  }
  const release = lock(absolute)
  mkdirSync(path.join(absolute, 'worlds'), { recursive: true })
  return {
    root: absolute,
    worldDir: (name) => path.join(absolute, 'worlds', name),
    worldNames: () => readdirSync(path.join(absolute, 'worlds')),
    release,
  }
}
