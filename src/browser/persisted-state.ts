/**
 * Keeps the mock's data across page reloads: after every request that may have changed it, the
 * stores' snapshot goes to Web Storage (sessionStorage by default: one tab, one session, like a
 * user's working session with a real backend). On the next load the snapshot is restored when it
 * was made for the same APIs, seed and count; otherwise, or when it no longer fits the spec,
 * the mock starts fresh from the seed and says why in the console.
 */
import type { Mockdesk, MockdeskSnapshot } from '../core/mockdesk.ts'

export interface PersistOptions {
  /** Where to keep it; default `sessionStorage`. `localStorage` keeps it across browser restarts. */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>
  /** The storage key; default `mockdesk:state`. */
  key?: string
}

interface Saved {
  version: 1
  /** The setup the snapshot belongs to: another setup starts fresh rather than mixing data. */
  setup: string
  snapshot: MockdeskSnapshot
}

export interface PersistedState {
  /** Restores the saved snapshot if there is a fitting one; true when it did. */
  load(): Promise<boolean>
  /** Saves soon (once per burst of requests). */
  schedule(): void
  save(): void
  clear(): void
}

export function persistedState(mockdesk: Mockdesk, setup: object, options: PersistOptions = {}): PersistedState {
  const storage = options.storage ?? globalThis.sessionStorage
  const key = options.key ?? 'mockdesk:state'
  const fingerprint = JSON.stringify(setup)
  let pending: ReturnType<typeof setTimeout> | undefined
  let broken = false

  const state: PersistedState = {
    async load() {
      const raw = storage.getItem(key)
      if (raw === null) return false
      try {
        const saved = JSON.parse(raw) as Saved
        if (saved.version !== 1 || saved.setup !== fingerprint) {
          console.info('[mockdesk] The saved data was made for another setup (APIs, seed or count); starting fresh from the seed.')
          storage.removeItem(key)
          return false
        }
        await mockdesk.restore(saved.snapshot)
        return true
      } catch (error) {
        console.warn(`[mockdesk] Could not restore the saved data (${error instanceof Error ? error.message : error}); starting fresh from the seed.`)
        storage.removeItem(key)
        return false
      }
    },
    schedule() {
      if (broken || pending !== undefined) return
      pending = setTimeout(() => {
        pending = undefined
        state.save()
      }, 0)
    },
    save() {
      if (broken) return
      const saved: Saved = { version: 1, setup: fingerprint, snapshot: mockdesk.snapshot() }
      try {
        storage.setItem(key, JSON.stringify(saved))
      } catch (error) {
        // Usually the storage quota (about 5 MB): fewer records (`count`) or IndexedDB-sized data
        // would be needed. Mocking goes on; only persistence stops.
        broken = true
        console.warn(`[mockdesk] Could not save the data for the next reload (${error instanceof Error ? error.message : error}); it will start from the seed. Pass a smaller "count" to fit the storage quota.`)
      }
    },
    clear() {
      storage.removeItem(key)
    },
  }
  return state
}
