/** Durations on the command line: `90s`, `30m`, `24h`, `7d` (a bare number is seconds). */
import { UsageError } from './usage-error.ts'

const units = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

/** The duration in milliseconds, or undefined when the option is absent. */
export function durationOption(value: string | undefined, name: string, usage: string): number | undefined {
  if (value === undefined) return undefined
  const match = /^(\d+)([smhd]?)$/.exec(value.trim())
  if (!match || Number(match[1]) === 0) {
    throw new UsageError(`--${name} must be a positive duration such as 90s, 30m, 24h or 7d, got "${value}".`, usage)
  }
  return Number(match[1]) * units[(match[2] || 's') as keyof typeof units]
}
