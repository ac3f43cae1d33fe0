/**
 * One world on disk: `snapshot.json` (the whole world, written atomically) and `journal.ndjson`
 * (every change since, appended, one JSON line each). Both carry an epoch: a journal belongs to the
 * snapshot of its epoch, so a crash between writing a new snapshot and starting its journal never
 * replays changes twice.
 *
 * Durability: `flush()` writes what changed and waits for `fdatasync` before it resolves; the
 * server awaits it before answering, so a write the client saw acknowledged is on disk (changes
 * that arrive during one sync share the next: group commit). A crash can only cut the journal's
 * last line, which no client was told about; it is dropped on load. Anything else unreadable stops
 * the start with a message.
 *
 * Compaction: when the journal passes `compactBytes`, and on every load, the world is written as a
 * new snapshot and the journal starts empty.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { IndexedCollection, type Key } from '../../core/indexed-collection.ts'
import { isSeededFaker } from '../../core/seeded-faker.ts'
import { importStore } from '../../core/store-snapshot.ts'
import type { MockdeskSnapshot, World, WorldEvent } from '../../core/world.ts'
import { writeFileAtomically } from './atomic-file.ts'
import { DataDirError } from './data-dir.ts'

type Change = Extract<WorldEvent, { type: 'change' }>['change']

interface JournalLine {
  api: string
  collection: string
  change: Change
  /** The API store's other state (id sequences) after the change. */
  state: Record<string, unknown>
}

interface SnapshotFile {
  epoch: number
  world: string
  snapshot: MockdeskSnapshot
}

export interface JournalOptions {
  /** fsync before acknowledging (default). false: leave it to the OS (faster, loses recent writes on power loss). */
  fsync?: boolean
  /** Journal size that triggers a new snapshot. Default 1 MiB. */
  compactBytes?: number
}

/** A store's data other than collections and Fakers: id sequences and counters. */
function stateOf(store: object): Record<string, unknown> {
  const state: Record<string, unknown> = {}
  for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(store))) {
    if (!('value' in descriptor) || typeof descriptor.value === 'function') continue
    const value: unknown = descriptor.value
    if (value instanceof IndexedCollection || isSeededFaker(value)) continue
    state[name] = JSON.parse(JSON.stringify(value ?? null))
  }
  return state
}

async function applyLine(world: World, line: JournalLine): Promise<void> {
  const store = world.store(line.api)
  if (!store) throw new Error(`the journal names API "${line.api}", which is not mounted`)
  const collection = (store as Record<string, unknown>)[line.collection] as IndexedCollection<Record<string, unknown>> | undefined
  if (!(collection instanceof IndexedCollection)) throw new Error(`the journal names collection ${line.api}.${line.collection}, which does not exist`)
  const { change } = line
  if (change.type === 'put') {
    const record = change.record as Record<string, unknown>
    const key = collection.options.key(record)
    if (collection.get(key)) {
      await collection.update(key, (draft) => {
        for (const field of Object.keys(draft)) delete draft[field]
        Object.assign(draft, record)
      })
    } else await collection.create(record)
  } else if (change.type === 'delete') collection.delete(change.key as Key)
  else collection.clear()
  await importStore(store, { collections: {}, state: line.state, generation: 0 })
}

export class WorldJournal {
  readonly #dir: string
  readonly #options: Required<JournalOptions>
  #epoch = 0
  #pending: string[] = []
  #needsSnapshot = false
  #journal: FileHandle | undefined
  #journalBytes = 0
  #flushing: Promise<void> = Promise.resolve()
  #stop: (() => void) | undefined
  #world: World | undefined

  constructor(dir: string, options: JournalOptions = {}) {
    this.#dir = dir
    this.#options = { fsync: options.fsync ?? true, compactBytes: options.compactBytes ?? 1 << 20 }
  }

  get #snapshotFile() {
    return path.join(this.#dir, 'snapshot.json')
  }

  get #journalFile() {
    return path.join(this.#dir, 'journal.ndjson')
  }

  static exists(dir: string): boolean {
    return existsSync(path.join(dir, 'snapshot.json')) || existsSync(path.join(dir, 'journal.ndjson'))
  }

  /**
   * Loads what is on disk into `world` (fresh from the seed), then writes it back as one snapshot,
   * restored once more so that its Faker goes on from a point no earlier run used (see
   * store-snapshot.ts), and from then on keeps every change of the world.
   */
  async attach(world: World): Promise<void> {
    this.#world = world
    if (WorldJournal.exists(this.#dir)) {
      try {
        await this.#load(world)
        await world.restore(world.snapshot())
      } catch (error) {
        if (error instanceof DataDirError) throw error
        throw new DataDirError(`The saved world "${world.name}" in ${this.#dir} cannot be loaded: ${(error as Error).message}. Restore the data dir from a backup, or remove that world's directory to start it from the seed.`)
      }
      this.#needsSnapshot = true
    }
    this.#stop = world.listen((event) => this.#record(event))
    await this.flush()
  }

  async #load(world: World) {
    let epoch = 0
    if (existsSync(this.#snapshotFile)) {
      const file = JSON.parse(readFileSync(this.#snapshotFile, 'utf8')) as SnapshotFile
      epoch = file.epoch
      await world.restore(file.snapshot)
    }
    if (existsSync(this.#journalFile)) {
      const lines = readFileSync(this.#journalFile, 'utf8').split('\n')
      const header = lines.shift()
      const journalEpoch = header ? (JSON.parse(header) as { epoch: number }).epoch : -1
      // A journal of an older epoch was already folded into the snapshot before the crash.
      if (journalEpoch === epoch) {
        for (const [index, text] of lines.entries()) {
          if (text === '') continue
          let line: JournalLine
          try {
            line = JSON.parse(text)
          } catch {
            // Only the last line can be cut short by a crash (its write was never acknowledged).
            if (lines.slice(index + 1).every((rest) => rest === '')) break
            throw new Error(`line ${index + 2} of journal.ndjson is not valid JSON`)
          }
          await applyLine(world, line)
        }
      }
    }
    this.#epoch = epoch
  }

  #record(event: WorldEvent) {
    if (event.type === 'replaced') {
      this.#needsSnapshot = true
      this.#pending = []
      return
    }
    const store = this.#world!.store(event.api)!
    const line: JournalLine = { api: event.api, collection: event.collection, change: event.change, state: stateOf(store) }
    this.#pending.push(`${JSON.stringify(line)}\n`)
  }

  get dirty(): boolean {
    return this.#needsSnapshot || this.#pending.length > 0
  }

  /** Makes every change so far durable; resolves once it is on disk. */
  flush(): Promise<void> {
    if (!this.dirty) return this.#flushing
    // A failed write fails the requests waiting on it (they were never acknowledged), not later ones.
    this.#flushing = this.#flushing.catch(() => {}).then(() => this.#write())
    return this.#flushing
  }

  async #write() {
    if (this.#needsSnapshot || this.#journalBytes > this.#options.compactBytes) return this.#compact()
    if (this.#pending.length === 0) return
    const text = this.#pending.join('')
    this.#pending = []
    const journal = this.#journal ?? (await this.#openJournal())
    await journal.write(text)
    this.#journalBytes += Buffer.byteLength(text)
    if (this.#options.fsync) await journal.datasync()
  }

  async #openJournal(): Promise<FileHandle> {
    mkdirSync(this.#dir, { recursive: true })
    if (!existsSync(this.#journalFile)) {
      writeFileAtomically(this.#journalFile, `${JSON.stringify({ epoch: this.#epoch })}\n`)
    }
    this.#journal = await open(this.#journalFile, 'a')
    return this.#journal
  }

  /** The world as one new snapshot (next epoch), and an empty journal for it. */
  async #compact() {
    this.#needsSnapshot = false
    this.#pending = []
    mkdirSync(this.#dir, { recursive: true })
    const epoch = this.#epoch + 1
    const file: SnapshotFile = { epoch, world: this.#world!.name, snapshot: this.#world!.snapshot() }
    writeFileAtomically(this.#snapshotFile, JSON.stringify(file))
    await this.#journal?.close()
    this.#journal = undefined
    this.#epoch = epoch
    writeFileAtomically(this.#journalFile, `${JSON.stringify({ epoch })}\n`)
    this.#journalBytes = 0
  }

  /**
   * Flushes and closes the journal file, but keeps listening: a request still running in a world
   * the registry let go is journaled too (the file is opened again for it).
   */
  release(): Promise<void> {
    // In the chain of writes, so no write is using the file while it closes.
    this.#flushing = this.#flushing.catch(() => {}).then(async () => {
      await this.#write()
      const journal = this.#journal
      this.#journal = undefined
      await journal?.close()
    })
    return this.#flushing
  }

  /** Stops listening after a last flush; `forget` removes the world's files too. */
  async detach(forget = false): Promise<void> {
    this.#stop?.()
    if (!forget) await this.flush()
    await this.#flushing.catch(() => {})
    await this.#journal?.close()
    this.#journal = undefined
    if (forget) rmSync(this.#dir, { recursive: true, force: true })
  }
}
