/**
 * The bounded registry of session worlds on one server. A world is made on first use from the
 * images (a fork: microseconds), kept while used, and dropped when idle longer than the TTL or
 * when the registry is full and it is the least recently used. A dropped world that is persisted
 * comes back from disk on its next use (see ../persistence/); otherwise it starts from the seed.
 */
import type { Mockdesk } from '../../core/mockdesk.ts'
import type { World } from '../../core/world.ts'

export interface SessionLimits {
  /** The most worlds kept at once (the default world not counted). */
  maxSessions: number
  /** A world unused this long (ms) is dropped. */
  idleMs: number
  /** The most records one session's world may hold, all APIs together. */
  recordQuota: number
}

export const defaultSessionLimits: SessionLimits = { maxSessions: 1000, idleMs: 60 * 60 * 1000, recordQuota: 10_000 }

export interface SessionSummary {
  name: string
  seed: number
  records: number
  /** ISO time of the last request. */
  lastUsed: string
  requests: number
}

/** How a world is made and let go: persistence replaces these to load and close worlds on disk. */
export interface WorldSource {
  open(name: string): Promise<World>
  /** Called when a world leaves the registry (evicted, idle, dropped); `forget` when dropped for good. */
  close?(world: World, forget: boolean): void | Promise<void>
  /** Names of worlds kept elsewhere (on disk) that are not open. */
  saved?(): string[]
  /** Removes a world kept elsewhere that is not open; true if there was one. */
  forget?(name: string): Promise<boolean>
}

export class SessionRegistry {
  readonly #worlds = new Map<string, Promise<World>>()
  readonly #limits: SessionLimits
  readonly #source: WorldSource
  #sweeper: ReturnType<typeof setInterval> | undefined

  constructor(mockdesk: Mockdesk, limits: Partial<SessionLimits> = {}, source?: (limits: SessionLimits) => WorldSource) {
    const given = Object.fromEntries(Object.entries(limits).filter(([name, value]) => name in defaultSessionLimits && value !== undefined))
    this.#limits = { ...defaultSessionLimits, ...given }
    this.#source = source?.(this.#limits) ?? { open: (name) => mockdesk.createWorld({ name, recordQuota: this.#limits.recordQuota }) }
    // Idle worlds also go when no request comes to notice them.
    this.#sweeper = setInterval(() => void this.sweep(), Math.min(60_000, Math.max(1_000, this.#limits.idleMs / 2)))
    this.#sweeper.unref?.()
  }

  get limits(): SessionLimits {
    return this.#limits
  }

  get size(): number {
    return this.#worlds.size
  }

  /** The session's world, made on first use; it becomes the most recently used. */
  async get(name: string): Promise<World> {
    let world = this.#worlds.get(name)
    if (world) this.#worlds.delete(name)
    else {
      world = this.#source.open(name)
      world.catch(() => this.#worlds.get(name) === world && this.#worlds.delete(name))
    }
    this.#worlds.set(name, world)
    const opened = await world
    opened.lastUsed = Date.now()
    await this.#evictOverflow()
    return opened
  }

  async #evictOverflow() {
    while (this.#worlds.size > this.#limits.maxSessions) {
      const [oldest, world] = this.#worlds.entries().next().value!
      this.#worlds.delete(oldest)
      await this.#source.close?.(await world, false)
    }
  }

  /** Drops worlds idle longer than the TTL. */
  async sweep(now = Date.now()): Promise<void> {
    for (const [name, pending] of [...this.#worlds]) {
      const world = await pending.catch(() => undefined)
      if (world && now - world.lastUsed > this.#limits.idleMs && this.#worlds.get(name) === pending) {
        this.#worlds.delete(name)
        await this.#source.close?.(world, false)
      }
    }
  }

  async list(): Promise<SessionSummary[]> {
    const worlds = await Promise.all([...this.#worlds.values()].map((world) => world.catch(() => undefined)))
    return worlds
      .filter((world): world is World => world !== undefined)
      .reverse()
      .map((world) => ({ name: world.name, seed: world.seed, records: world.recordCount(), lastUsed: new Date(world.lastUsed).toISOString(), requests: world.requests.last }))
  }

  /** Drops one session for good (its world, and its saved state when persisted). */
  async drop(name: string): Promise<boolean> {
    const world = this.#worlds.get(name)
    this.#worlds.delete(name)
    if (world) await this.#source.close?.(await world, true)
    else return (await this.#source.forget?.(name)) ?? false
    return true
  }

  /** Drops every session, those kept on disk too. */
  async dropAll(): Promise<number> {
    const names = new Set([...this.#worlds.keys(), ...(this.#source.saved?.() ?? [])])
    let dropped = 0
    for (const name of names) if (await this.drop(name)) dropped++
    return dropped
  }

  /** Every world (for a scheduled reset); does not touch their last use. */
  async worlds(): Promise<World[]> {
    return Promise.all([...this.#worlds.values()])
  }

  close(): void {
    clearInterval(this.#sweeper)
  }
}
