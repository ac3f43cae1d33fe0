/**
 * Latency: a fixed delay, or a range from which each request's delay is picked with the
 * operation's seeded stream (so a run replays). Waiting is a plain timer, which is what MSW's
 * `delay(ms)` does, in the browser and in Node alike.
 */
import { KitError } from '../kit-error.ts'
import type { LatencySetting } from './behaviour-settings.ts'

export interface LatencyRange {
  min: number
  max: number
}

/** `200` → 200..200; `"200-800"` → 200..800; `{ min, max }` as given. Throws a kit error otherwise. */
export function parseLatency(setting: LatencySetting, where = 'latency'): LatencyRange {
  const range =
    typeof setting === 'number'
      ? { min: setting, max: setting }
      : typeof setting === 'string'
        ? parseRange(setting)
        : setting && typeof setting === 'object'
          ? { min: setting.min, max: setting.max }
          : undefined
  if (!range || !Number.isFinite(range.min) || !Number.isFinite(range.max) || range.min < 0 || range.max < range.min) {
    throw new KitError(
      'MOCKDESK_BAD_BEHAVIOUR',
      `${where} ${JSON.stringify(setting)} is not a delay: it must be milliseconds (200), a range ("200-800") or { "min": 200, "max": 800 }, with 0 <= min <= max.`,
      'Write the latency as a number of milliseconds or a "min-max" range.',
    )
  }
  return range
}

function parseRange(text: string): LatencyRange | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:(?:-|\.\.)\s*(\d+(?:\.\d+)?))?\s*(?:ms)?\s*$/.exec(text)
  if (!match) return undefined
  const min = Number(match[1])
  return { min, max: match[2] === undefined ? min : Number(match[2]) }
}

/** This request's delay: the range's minimum, plus a seeded share of its width. */
export function pickDelay(range: LatencyRange, random: () => number): number {
  return range.min === range.max ? range.min : Math.round(range.min + random() * (range.max - range.min))
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
