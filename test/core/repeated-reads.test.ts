import { expect, it } from 'vitest'
import { RepeatedReads, type RepeatedRead } from '../../src/core/repeated-reads.ts'
import type { World } from '../../src/core/world.ts'

const world = { version: 1 } as World
const read = (path: string): RepeatedRead => ({ world, version: world.version, cacheKey: path, api: 'toptickets', method: 'GET', path })

it('keeps at most its bound, dropping reads not asked for again before those that were', () => {
  const reads = new RepeatedReads(3)
  for (const path of ['/a', '/b', '/c']) reads.remember(path, read(path))
  // Eviction sweeps: each remembered read gets one second chance, then /a (oldest) goes.
  reads.remember('/d', read('/d'))
  expect(reads.size).toBe(3)
  expect(reads.get('/a')).toBeUndefined()
  // /b is asked for again: the next two to go are /c and /d, not /b.
  expect(reads.get('/b')?.path).toBe('/b')
  reads.remember('/e', read('/e'))
  reads.remember('/f', read('/f'))
  expect(reads.size).toBe(3)
  expect(['/b', '/c', '/d', '/e', '/f'].filter((path) => reads.get(path) !== undefined)).toEqual(['/b', '/e', '/f'])
})

it('forgets a read once its world has changed', () => {
  const changing = { version: 7 } as { version: number }
  const reads = new RepeatedReads()
  reads.remember('/x', { ...read('/x'), world: changing as World, version: 7 })
  expect(reads.get('/x')?.path).toBe('/x')
  changing.version = 8
  expect(reads.get('/x')).toBeUndefined()
  expect(reads.size).toBe(0)
})
