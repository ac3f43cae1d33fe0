/**
 * Times as the API writes and reads them. Written: UTC to the second, `2025-01-10 09:00:00`, the
 * MySQL DATETIME a Yii 2 model serializes as is. Read (filters and date fields): ISO 8601, the
 * API's own form, or a date alone, as PHP's date parsing accepts them; the spec's DateTimeInput
 * pattern checks the shape, this file checks that the date exists.
 */

/** `2025-01-10 09:00:00`, in UTC. */
export function formatTimestamp(date: Date = new Date()): string {
  return date.toISOString().slice(0, 19).replace('T', ' ')
}

/** A stored timestamp as epoch milliseconds. */
export function timestampMs(timestamp: string): number {
  return Date.parse(`${timestamp.replace(' ', 'T')}Z`)
}

const input = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?(Z|([+-])(\d{2}):?(\d{2}))?)?$/

/**
 * A DateTimeInput as epoch milliseconds, or undefined when it does not name a real moment
 * (`2025-02-30`, `24:00`, an offset of `+25:00`). No zone means UTC.
 */
export function parseDateTimeInput(text: string): number | undefined {
  const match = input.exec(text)
  if (!match) return undefined
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', , sign, offsetHours = '0', offsetMinutes = '0'] = match
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number]
  const [oh, om] = [Number(offsetHours), Number(offsetMinutes)]
  if (h > 23 || mi > 59 || s > 59 || oh > 23 || om > 59) return undefined
  const midnight = new Date(Date.UTC(y, mo - 1, d))
  // Date.UTC rolls 2025-02-30 over to March 2nd; a real date survives the round trip.
  if (midnight.getUTCFullYear() !== y || midnight.getUTCMonth() !== mo - 1 || midnight.getUTCDate() !== d) return undefined
  const offset = (sign === '-' ? -1 : 1) * (oh * 60 + om) * 60_000
  return midnight.getTime() + ((h * 60 + mi) * 60 + s) * 1000 + Math.floor(Number(`0${fraction}`) * 1000) - offset
}
