/**
 * Omnidesk writes times as naive local time, `2019-09-28 22:06:16`, with no zone. The company and
 * its servers are Dutch, so the mock writes Europe/Amsterdam wall-clock time (recorded in
 * specs/README.md). Intl gives the same answer in Node and in browsers.
 */
const amsterdam = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

export function omnideskTime(date: Date = new Date()): string {
  const part = Object.fromEntries(amsterdam.formatToParts(date).map(({ type, value }) => [type, value]))
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`
}
