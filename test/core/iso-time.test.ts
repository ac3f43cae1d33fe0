import fc from 'fast-check'
import { expect, it } from 'vitest'
import { isoSeconds, isoTime } from '../../src/core/iso-time.ts'

it('is toISOString, for any time of the years 0000-9999, in any order', () => {
  const times = fc.integer({ min: new Date("0000-01-01T00:00:00.000Z").getTime(), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) })
  fc.assert(fc.property(fc.array(times, { minLength: 1, maxLength: 5 }), (list) => list.every((ms) => isoTime(ms) === new Date(ms).toISOString())))
  // Within one second, and across a second's edge.
  const now = Date.UTC(2026, 10, 29, 19, 0, 0, 0)
  for (const ms of [now, now + 1, now + 9, now + 10, now + 99, now + 100, now + 999, now + 1000, now - 1]) expect(isoTime(ms)).toBe(new Date(ms).toISOString())
})

it('isoSeconds is toISOString to the whole second, interleaved with isoTime (one cache for both)', () => {
  const times = fc.integer({ min: new Date('0000-01-01T00:00:00.000Z').getTime(), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) })
  fc.assert(
    fc.property(fc.array(times, { minLength: 1, maxLength: 5 }), (list) =>
      list.every((ms) => isoSeconds(ms) === new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') && isoTime(ms) === new Date(ms).toISOString()),
    ),
  )
})
