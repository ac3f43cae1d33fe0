import { expect, it } from 'vitest'
import { maxPerPath, RepeatedReads, type RepeatedRead, type RequestIdentity } from '../../src/core/repeated-reads.ts'
import type { World } from '../../src/core/world.ts'

const world = { version: 1 } as World
const read = (path: string): RepeatedRead => ({ world, version: world.version, cacheKey: path, api: 'toptickets', method: 'GET', path })
const sent = (url: string, ...rawHeaders: string[]): RequestIdentity => ({ url, rawHeaders: rawHeaders.length > 0 ? rawHeaders : ['Host', 'localhost'] })

it('keeps at most its bound, dropping paths not asked for again before those that were', () => {
  const reads = new RepeatedReads(3)
  for (const path of ['/a', '/b', '/c']) reads.remember(sent(path), read(path))
  // Eviction sweeps: each remembered path gets one second chance, then /a (oldest) goes.
  reads.remember(sent('/d'), read('/d'))
  expect(reads.size).toBe(3)
  expect(reads.get(sent('/a'))).toBeUndefined()
  // /b is asked for again: the next two to go are /c and /d, not /b.
  expect(reads.get(sent('/b'))?.path).toBe('/b')
  reads.remember(sent('/e'), read('/e'))
  reads.remember(sent('/f'), read('/f'))
  expect(reads.size).toBe(3)
  expect(['/b', '/c', '/d', '/e', '/f'].filter((path) => reads.get(sent(path)) !== undefined)).toEqual(['/b', '/e', '/f'])
})

it('tells identities apart by every header line, in order, and keeps a few per path', () => {
  const reads = new RepeatedReads()
  const ada = sent('/list', 'Host', 'x', 'Authorization', 'Bearer ada')
  reads.remember(ada, read('ada'))
  expect(reads.get({ url: '/list', rawHeaders: ['Host', 'x', 'Authorization', 'Bearer ada'] })?.path).toBe('ada')
  expect(reads.get(sent('/list', 'Host', 'x', 'Authorization', 'Bearer bob'))).toBeUndefined()
  expect(reads.get(sent('/list', 'Authorization', 'Bearer ada', 'Host', 'x'))).toBeUndefined()
  expect(reads.get(sent('/list', 'Host', 'x', 'Authorization', 'Bearer ada', 'Prefer', 'code=500'))).toBeUndefined()
  expect(reads.get(sent('/list?x', 'Host', 'x', 'Authorization', 'Bearer ada'))).toBeUndefined()
  // More clients than kept per path: the oldest of that path goes.
  for (let i = 0; i < maxPerPath; i++) reads.remember(sent('/list', 'Client', String(i)), read(`client ${i}`))
  expect(reads.size).toBe(maxPerPath)
  expect(reads.get(ada)).toBeUndefined()
  expect(reads.get(sent('/list', 'Client', '0'))?.path).toBe('client 0')
})

it('forgets a read once its world has changed', () => {
  const changing = { version: 7 } as { version: number }
  const reads = new RepeatedReads()
  reads.remember(sent('/x'), { ...read('/x'), world: changing as World, version: 7 })
  expect(reads.get(sent('/x'))?.path).toBe('/x')
  changing.version = 8
  expect(reads.get(sent('/x'))).toBeUndefined()
  expect(reads.size).toBe(0)
})

it('remembers nothing past the identity length bound, or with a bound of 0', () => {
  const reads = new RepeatedReads()
  reads.remember(sent('/big', 'Cookie', 'x'.repeat(5000)), read('/big'))
  expect(reads.size).toBe(0)
  const none = new RepeatedReads(0)
  none.remember(sent('/a'), read('/a'))
  expect(none.get(sent('/a'))).toBeUndefined()
})
