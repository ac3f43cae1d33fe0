import { describe, expect, it } from 'vitest'
import { formatTimestamp, parseDateTimeInput, timestampMs } from '../../../src/apis/billingplatform/dates.ts'

const utc = Date.parse('2025-01-01T00:00:00Z')

describe('billingplatform dates', () => {
  it('writes UTC to the second in the API form, and reads it back', () => {
    expect(formatTimestamp(new Date('2025-03-04T05:06:07.890Z'))).toBe('2025-03-04 05:06:07')
    expect(timestampMs('2025-03-04 05:06:07')).toBe(Date.parse('2025-03-04T05:06:07Z'))
  })

  it.each([
    ['2025-01-01T00:00:00Z', utc],
    ['2025-01-01T00:00:00', utc],
    ['2025-01-01 00:00:00', utc],
    ['2025-01-01', utc],
    ['2025-01-01T00:00', utc],
    ['2025-01-01T01:00:00+01:00', utc],
    ['2025-01-01T01:00:00+0100', utc],
    ['2024-12-31T19:30:00-04:30', utc],
    ['2025-01-01T00:00:00.250Z', utc + 250],
    ['2024-02-29', Date.parse('2024-02-29T00:00:00Z')],
  ])('reads %s', (text, expected) => {
    expect(parseDateTimeInput(text)).toBe(expected)
  })

  it.each(['2025-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-01T24:00:00Z', '2025-01-01T10:60:00Z', '2025-01-01T10:00:61Z', '2025-01-01T10:00:00+24:00', 'yesterday', '', '01/02/2025'])(
    'refuses %j',
    (text) => {
      expect(parseDateTimeInput(text)).toBeUndefined()
    },
  )
})
