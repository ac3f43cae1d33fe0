/**
 * Store persistence (`--data-dir DIR`): every world, the default one and each session's, kept on
 * disk as a snapshot plus a journal (see world-journal.ts for the write and fsync rules). A session
 * world is loaded from disk on its first use after a restart, or after the registry let it go.
 */
import { rmSync } from 'node:fs'
import type { Mockdesk } from '../../core/mockdesk.ts'
import type { World } from '../../core/world.ts'
import type { WorldSource } from '../sessions/session-registry.ts'
import { openDataDir, type DataDir, type DataIdentity } from './data-dir.ts'
import { WorldJournal, type JournalOptions } from './world-journal.ts'

export interface PersistenceOptions extends JournalOptions {
  dataDir: string
}

export interface Persistence {
  dataDir: DataDir
  /** Opens and closes session worlds through the disk. */
  source(recordQuota: number): WorldSource
  /** Awaited before each answer: the world's changes are durable once it resolves. */
  settle(world: World): Promise<void>
  /** Names of the worlds kept on disk. */
  saved(): string[]
  close(): Promise<void>
}

export async function openPersistence(mockdesk: Mockdesk, identity: DataIdentity, options: PersistenceOptions): Promise<Persistence> {
  const dataDir = openDataDir(options.dataDir, identity)
  // Weak: a world the registry let go may still be answering a request; its journal keeps
  // listening (and settle() keeps flushing it) for as long as the world is alive.
  const journals = new WeakMap<World, WorldJournal>()
  const open = new Set<WorldJournal>()
  const attach = async (world: World) => {
    const journal = new WorldJournal(dataDir.worldDir(world.name), options)
    await journal.attach(world)
    journals.set(world, journal)
    open.add(journal)
  }
  try {
    await attach(mockdesk.world)
  } catch (error) {
    dataDir.release()
    throw error
  }
  return {
    dataDir,
    source: (recordQuota) => ({
      async open(name) {
        const world = await mockdesk.createWorld({ name, recordQuota })
        await attach(world)
        return world
      },
      async close(world, forget) {
        const journal = journals.get(world)
        if (!journal) return
        open.delete(journal)
        if (forget) {
          journals.delete(world)
          await journal.detach(true)
        } else await journal.release()
      },
      // The default world's directory is not a session's.
      saved: () => dataDir.worldNames().filter((name) => name !== mockdesk.world.name),
      async forget(name) {
        const dir = dataDir.worldDir(name)
        if (name === mockdesk.world.name || !WorldJournal.exists(dir)) return false
        rmSync(dir, { recursive: true, force: true })
        return true
      },
    }),
    settle: async (world) => {
      await journals.get(world)?.flush()
    },
    saved: () => dataDir.worldNames(),
    async close() {
      for (const journal of open) await journal.detach()
      open.clear()
      dataDir.release()
    },
  }
}
