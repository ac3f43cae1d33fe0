/**
 * Which collections an answer read, and at which version. Every `IndexedCollection` has a
 * version that each write bumps and notes each read; `trackReads` collects the reads of one
 * synchronous run. The response cache keeps that list beside an answer's bytes, so the answer is
 * served again only while none of the collections it read has changed since (a write to a
 * ticket's notes leaves the cached customer list alone).
 *
 * A page of a collection read by position (records `offset` to `offset + limit`) depends only on
 * the records before its end: a write that touches only later positions (a create, which appends;
 * an update or delete further down) leaves the page's bytes as they were. So a read by position
 * notes its reach, each write notes the lowest position it touched, and an answer that read only
 * up to its reach outlives writes past it: the first page of a list is not rebuilt after every
 * create (the 10% writes mix of the bench rebuilt and serialized it after each one).
 *
 * Only a synchronous run is tracked: JavaScript runs one of them at a time, so the reads noted in
 * between are that run's own. A handler that awaits is not tracked, and its answer is not cached.
 */

/** How many recent writes a version remembers the lowest touched position of. */
const rememberedWrites = 32

export class CollectionVersion {
  value = 0
  /** The lowest position each recent write touched, at `value % rememberedWrites` (made on the first write). */
  #lowest: number[] | undefined

  /** A write; `lowest`: the lowest position it touched (by default 0: it may have changed any). */
  bump(lowest = 0): void {
    this.value++
    ;(this.#lowest ??= new Array<number>(rememberedWrites).fill(0))[this.value % rememberedWrites] = lowest
  }

  /**
   * Whether every write since version `since` touched only positions at or past `reach`, so what
   * was read before `reach` then is still there; false when those writes are no longer remembered.
   */
  unchangedBefore(since: number, reach: number): boolean {
    if (since === this.value) return true
    if (since > this.value || this.value - since > rememberedWrites || this.#lowest === undefined) return false
    for (let version = since + 1; version <= this.value; version++) {
      if (this.#lowest[version % rememberedWrites]! < reach) return false
    }
    return true
  }
}

/** The versions read by the run in progress, as they were at the first read, and how far each was read. */
let active: { versions: Map<CollectionVersion, number>; reach: Map<CollectionVersion, number> } | undefined

/**
 * Called by a collection on every read. `reach`: for a read by position, the end of the positions
 * read (the answer depends on nothing past it); left out, the read may depend on any record.
 */
export function noteRead(version: CollectionVersion, reach = Infinity): void {
  if (active === undefined) return
  if (!active.versions.has(version)) {
    active.versions.set(version, version.value)
    active.reach.set(version, reach)
  } else if (reach > active.reach.get(version)!) active.reach.set(version, reach)
}

export interface TrackedReads {
  /** Each collection read, with the version it had when it was first read. */
  versions: Map<CollectionVersion, number>
  /** How far each collection was read: the end of the positions read, or Infinity (any record). */
  reach: Map<CollectionVersion, number>
  /** True when a collection read during the run was also written during it. */
  changedDuringRun: boolean
}

/** Runs `run` and returns its result with the collection versions it read. */
export function trackReads<T>(run: () => T): { result: T; reads: TrackedReads } {
  const outer = active
  const mine = { versions: new Map<CollectionVersion, number>(), reach: new Map<CollectionVersion, number>() }
  active = mine
  try {
    const result = run()
    let changedDuringRun = false
    for (const [version, value] of mine.versions) if (version.value !== value) changedDuringRun = true
    return { result, reads: { ...mine, changedDuringRun } }
  } finally {
    active = outer
    // A tracked run inside another one read on behalf of the outer run too.
    if (outer) {
      for (const [version, value] of mine.versions) {
        if (!outer.versions.has(version)) outer.versions.set(version, value)
        const reach = mine.reach.get(version)!
        if (!(outer.reach.get(version)! >= reach)) outer.reach.set(version, reach)
      }
    }
  }
}
