import { expect, it } from 'vitest'
import { RequestLog } from '../../src/core/request-log.ts'

const entry = (path: string) => ({ at: '2026-01-01T00:00:00.000Z', method: 'GET', path, status: 200, ms: 1 })

it('keeps only the newest entries, numbered for polling with "after"', () => {
  const log = new RequestLog(3)
  for (const path of ['/a', '/b', '/c', '/d', '/e']) log.record(entry(path))
  expect(log.since().map((e) => e.path)).toEqual(['/c', '/d', '/e'])
  expect(log.since().map((e) => e.seq)).toEqual([3, 4, 5])
  expect(log.since(4).map((e) => e.path)).toEqual(['/e'])
  expect(log.since(5)).toEqual([])
  expect(log.last).toBe(5)
  log.clear()
  expect(log.since()).toEqual([])
  expect(log.record(entry('/f')).seq).toBe(6)
})

const exchange = (chars: number) => ({ request: { headers: {}, size: 0 }, response: { headers: {}, body: 'x'.repeat(chars), size: chars } })

it('keeps exchanges within its budget, oldest dropped first, and never beyond the entries it keeps', () => {
  const log = new RequestLog(10)
  // Four exchanges of ~100 KiB: only the newest two fit in 256 KiB.
  for (const path of ['/a', '/b', '/c', '/d']) log.record(entry(path), exchange(100 * 1024))
  expect(log.since().map((e) => log.entry(e.seq)?.exchange !== undefined)).toEqual([false, false, true, true])
  // An entry that leaves the ring takes its exchange along.
  for (let i = 0; i < 10; i++) log.record(entry(`/small-${i}`), exchange(10))
  expect(log.entry(4)).toBeUndefined()
  expect(log.since().every((e) => log.entry(e.seq)?.exchange?.response.body === 'x'.repeat(10))).toBe(true)
})

it('says whether anyone watches, counting each watcher once', () => {
  const log = new RequestLog()
  expect(log.watched).toBe(false)
  const stopA = log.watch()
  const stopB = log.watch()
  stopA()
  stopA()
  expect(log.watched).toBe(true)
  stopB()
  expect(log.watched).toBe(false)
})
