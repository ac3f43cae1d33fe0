/** The response cache's bookkeeping: versions, staleness, and the memory bound (LRU by bytes). */
import { describe, expect, it } from 'vitest'
import { CollectionVersion, noteRead, trackReads } from '../../src/core/collection-version.ts'
import { IndexedCollection } from '../../src/core/indexed-collection.ts'
import { principalKey, ResponseCache, storeIdOf } from '../../src/core/response-cache.ts'

const answer = (size: number) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: new Uint8Array(size) })

function readOf(...versions: CollectionVersion[]) {
  return trackReads(() => versions.forEach((version) => noteRead(version))).reads
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

describe('pages read by position', () => {
  const pageOf = (version: CollectionVersion, reach: number) => trackReads(() => noteRead(version, reach)).reads

  it('outlive writes past their end, and only those', () => {
    const cache = new ResponseCache(1 << 20)
    const version = new CollectionVersion()
    cache.set('page', answer(10), pageOf(version, 50))
    version.bump(50) // a create appending at position 50
    version.bump(120) // an update further down
    expect(cache.get('page')).toBeDefined()
    version.bump(49) // a write inside the page
    expect(cache.get('page')).toBeUndefined()
  })

  it('are rebuilt after a write whose position was not given, or after more writes than are remembered', () => {
    const cache = new ResponseCache(1 << 20)
    const version = new CollectionVersion()
    cache.set('page', answer(10), pageOf(version, 50))
    version.bump()
    expect(cache.get('page')).toBeUndefined()

    cache.set('page', answer(10), pageOf(version, 50))
    for (let i = 0; i < 32; i++) version.bump(100)
    expect(cache.get('page')).toBeDefined() // 32 writes, each remembered, all past the page
    cache.set('page', answer(10), pageOf(version, 50))
    for (let i = 0; i < 33; i++) version.bump(100)
    expect(cache.get('page')).toBeUndefined() // 33: the oldest is forgotten, so the page is not trusted
  })

  it('count as read whole when the same run also read the collection whole', () => {
    const cache = new ResponseCache(1 << 20)
    const version = new CollectionVersion()
    const { reads } = trackReads(() => {
      noteRead(version, 50)
      noteRead(version)
      noteRead(version, 10)
    })
    expect(reads.reach.get(version)).toBe(Infinity)
    cache.set('list with a total', answer(10), reads)
    version.bump(50)
    expect(cache.get('list with a total')).toBeUndefined()
  })

  it('are noted by IndexedCollection.slice, and each write gives the position it touched', async () => {
    const schema = { '~standard': { version: 1 as const, vendor: 'test', validate: (value: unknown) => ({ value: value as { id: number } }) } }
    const collection = new IndexedCollection<{ id: number; name?: string }>({ schema, key: (record) => record.id })
    await collection.createMany(Array.from({ length: 10 }, (_, id) => ({ id })))
    const page = () => trackReads(() => collection.slice(0, 5)).reads
    const cache = new ResponseCache(1 << 20)
    const keepPage = () => cache.set('page', answer(10), page())

    keepPage()
    await collection.create({ id: 10 })
    await collection.update(7, (draft) => void (draft.name = 'past the page'))
    collection.delete(9)
    expect(cache.get('page')).toBeDefined()

    for (const write of [
      () => collection.update(4, (draft) => void (draft.name = 'in the page')),
      () => collection.delete(0),
      () => collection.clear(),
    ]) {
      keepPage()
      await write()
      expect(cache.get('page')).toBeUndefined()
    }
    // A page past the end of the records grows with the next create.
    const short = trackReads(() => collection.slice(0, 5)).reads
    cache.set('short', answer(10), short)
    await collection.create({ id: 11 })
    expect(cache.get('short')).toBeUndefined()
    // A negative offset counts from the end: read whole.
    expect(trackReads(() => collection.slice(-2, 2)).reads.reach.get(collection.version)).toBe(Infinity)
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

  it('gives a frozen principal (worked out once, then remembered) the key of an equal unfrozen one', () => {
    const frozen = Object.freeze({ key: 'k', role: 'admin', scopes: new Set(['b', 'a']) })
    const plain = { key: 'k', role: 'admin', scopes: new Set(['a', 'b']) }
    expect(principalKey(frozen)).toBe(principalKey(plain))
    expect(principalKey(frozen)).toBe(principalKey(plain))
    expect(principalKey(Object.freeze({ key: 'other', role: 'admin', scopes: new Set(['a', 'b']) }))).not.toBe(principalKey(frozen))
  })
})
