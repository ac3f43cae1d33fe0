/**
 * Replayable randomness for behaviour (latency in a range, faults at a rate): one small PRNG
 * stream per operation, seeded from the behaviour's seed and the operation's name, so the same
 * seed and the same requests to an operation give the same delays and faults in every runtime,
 * whatever other operations are called in between. Never Math.random.
 */

/** 32-bit FNV-1a of a string, to derive a stream's seed from its name. */
function hash(text: string): number {
  let value = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index)
    value = Math.imul(value, 0x01000193)
  }
  return value >>> 0
}

/** mulberry32: tiny, fast and good enough to pick delays and faults. Returns numbers in [0, 1). */
export function seededRandom(seed: number, stream: string): () => number {
  let state = (hash(stream) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
