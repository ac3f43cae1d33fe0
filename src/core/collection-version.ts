/**
 * Which collections an answer read, and at which version. Every `IndexedCollection` has a
 * version that each write bumps and notes each read; `trackReads` collects the reads of one
 * synchronous run. The response cache keeps that list beside an answer's bytes, so the answer is
 * served again only while none of the collections it read has changed since (a write to a
 * ticket's notes leaves the cached customer list alone).
 *
 * Only a synchronous run is tracked: JavaScript runs one of them at a time, so the reads noted in
 * between are that run's own. A handler that awaits is not tracked, and its answer is not cached.
 */
export class CollectionVersion {
  value = 0

  bump(): void {
    this.value++
  }
}

/** The versions read by the run in progress, as they were at the first read. */
let active: Map<CollectionVersion, number> | undefined

/** Called by a collection on every read. */
export function noteRead(version: CollectionVersion): void {
  if (active !== undefined && !active.has(version)) active.set(version, version.value)
}

export interface TrackedReads {
  /** Each collection read, with the version it had when it was first read. */
  versions: Map<CollectionVersion, number>
  /** True when a collection read during the run was also written during it. */
  changedDuringRun: boolean
}

/** Runs `run` and returns its result with the collection versions it read. */
export function trackReads<T>(run: () => T): { result: T; reads: TrackedReads } {
  const outer = active
  const mine = new Map<CollectionVersion, number>()
  active = mine
  try {
    const result = run()
    let changedDuringRun = false
    for (const [version, value] of mine) if (version.value !== value) changedDuringRun = true
    return { result, reads: { versions: mine, changedDuringRun } }
  } finally {
    active = outer
    // A tracked run inside another one read on behalf of the outer run too.
    if (outer) for (const [version, value] of mine) if (!outer.has(version)) outer.set(version, value)
  }
}
