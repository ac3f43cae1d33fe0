/**
 * The `...Since` query parameters (`createdSince`, `updatedSince`, `droppedSince`, ...). The spec's
 * pattern has checked their shape; here they become instants, and one that names no real moment
 * (`2025-02-30`) gets the same 400 as a malformed one.
 */
import type { Operation } from '../../core/openapi-document.ts'
import { parseDateTimeInput, timestampMs } from './dates.ts'
import { invalidParameter } from './errors.ts'

export type SinceResult<N extends string> = { ok: true; since: Partial<Record<N, number>> } | { ok: false; response: Response }

export function readSince<N extends string>(operation: Operation, query: Partial<Record<N, string>>, names: readonly N[]): SinceResult<N> {
  const since: Partial<Record<N, number>> = {}
  for (const name of names) {
    const value = query[name]
    if (value === undefined) continue
    const ms = parseDateTimeInput(value)
    if (ms === undefined) return { ok: false, response: invalidParameter(operation, name, value) }
    since[name] = ms
  }
  return { ok: true, since }
}

/** Whether a stored timestamp is at or after `since` (no `since`: no constraint; no timestamp: never). */
export function isSince(timestamp: string | null, since: number | undefined): boolean {
  if (since === undefined) return true
  return timestamp !== null && timestampMs(timestamp) >= since
}
