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
