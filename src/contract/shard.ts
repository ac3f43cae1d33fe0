/**
 * `--shard i/n`: CI jobs split one run. Operations are sorted by name and dealt out in turn, so
 * every operation × check pair is judged by exactly one shard, the same one on every run.
 */
export interface Shard {
  /** 1-based. */
  index: number
  count: number
}

/** Parses `2/3`; undefined when the text is not a shard. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text)
  if (!match) return undefined
  const [index, count] = [Number(match[1]), Number(match[2])]
  return index >= 1 && count >= 1 && index <= count ? { index, count } : undefined
}

/** The names this shard owns out of all of them. */
export function shardOf(names: readonly string[], shard: Shard): Set<string> {
  return new Set([...names].sort().filter((_, position) => position % shard.count === shard.index - 1))
}
