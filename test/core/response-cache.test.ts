/** The response cache's bookkeeping: versions, staleness, and the memory bound (LRU by bytes). */
import { describe, expect, it } from 'vitest'
import { CollectionVersion, noteRead, trackReads } from '../../src/core/collection-version.ts'
import { principalKey, ResponseCache, storeIdOf } from '../../src/core/response-cache.ts'

const answer = (size: number) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: new Uint8Array(size) })

function readOf(...versions: CollectionVersion[]) {
  return trackReads(() => versions.forEach(noteRead)).reads
}

describe('trackReads', () => {
  it('notes each collection read with its version at the first read', () => {
    const a = new CollectionVersion()
    const b = new CollectionVersion()
    a.bump()
    const { result, reads } = trackReads(() => {
      noteRead(a)
      noteRead(b)
      return 'done'
    })
    expect(result).toBe('done')
    expect([...reads.versions]).toEqual([
      [a, 1],
      [b, 0],
    ])
    expect(reads.changedDuringRun).toBe(false)
  })

  it('says when a run wrote what it read', () => {
    const a = new CollectionVersion()
    const { reads } = trackReads(() => {
      noteRead(a)
      a.bump()
    })
    expect(reads.changedDuringRun).toBe(true)
  })

  it('notes nothing outside a run', () => {
    const a = new CollectionVersion()
    noteRead(a)
    expect(trackReads(() => undefined).reads.versions.size).toBe(0)
  })
})

describe('ResponseCache', () => {
  it('serves an answer until a collection it read changes', () => {
    const cache = new ResponseCache(1 << 20)
    const version = new CollectionVersion()
    cache.set('k', answer(10), readOf(version))
    expect(cache.get('k')?.body.byteLength).toBe(10)
    version.bump()
    expect(cache.get('k')).toBeUndefined()
    expect(cache.size).toBe(0)
    expect(cache.bytes).toBe(0)
  })

  it('keeps no answer that read nothing tracked, or wrote what it read', () => {
    const cache = new ResponseCache(1 << 20)
    cache.set('none', answer(10), readOf())
    const version = new CollectionVersion()
    const { reads } = trackReads(() => {
      noteRead(version)
      version.bump()
    })
    cache.set('wrote', answer(10), reads)
    expect(cache.size).toBe(0)
  })

  it('stays within its bytes, dropping the least recently used first', () => {
    const cache = new ResponseCache(64 * 1024)
    const version = new CollectionVersion()
    for (let i = 0; i < 15; i++) {
      cache.set(`k${i}`, answer(7000), readOf(version))
      cache.get('k0') // k0 stays the most recently used
      expect(cache.bytes).toBeLessThanOrEqual(64 * 1024)
    }
    expect(cache.size).toBeGreaterThan(1)
    expect(cache.size).toBeLessThan(15)
    expect(cache.get('k0')).toBeDefined()
    expect(cache.get('k1')).toBeUndefined()
    expect(cache.get('k14')).toBeDefined()
  })

  it('does not keep an answer larger than an eighth of its budget, and 0 turns it off', () => {
    const cache = new ResponseCache(8000)
    cache.set('big', answer(1001), readOf(new CollectionVersion()))
    expect(cache.size).toBe(0)
    expect(new ResponseCache(0).enabled).toBe(false)
  })
})

describe('keys', () => {
  it('gives each store its own id, and equal callers the same key', () => {
    const a = {}
    expect(storeIdOf(a)).toBe(storeIdOf(a))
    expect(storeIdOf(a)).not.toBe(storeIdOf({}))
    expect(principalKey({ key: 'k', scopes: new Set(['b', 'a']) })).toBe(principalKey({ key: 'k', scopes: new Set(['a', 'b']) }))
    expect(principalKey({ key: 'k', scopes: new Set(['a']) })).not.toBe(principalKey({ key: 'k', scopes: new Set(['a', 'b']) }))
  })
})
