/**
 * One property of the generative phase, run with fast-check: `runs` examples from the seed, each
 * sent and judged by the run's checks as it goes. When one fails, fast-check shrinks it (at most
 * `maxShrinks` further examples, so a shrink never runs away on a slow server) to the smallest
 * example that still fails, and only that one is recorded for the report, with the requests that
 * led to it. Examples that pass are recorded as they are, so they count as judged and covered.
 */
import fc from 'fast-check'
import type { RunContext } from '../context.ts'
import type { Exchange } from '../exchange.ts'
import { hash } from '../values/generate.ts'

/** What one example sent, and which exchange (if any) failed a check. */
export interface Trial {
  exchanges: Exchange[]
  /** Index of the failing exchange in `exchanges`. */
  failed?: number
  /** The example in words, for the report. */
  example: string
}

/** Thrown by `skip()`: the example turned out invalid against the spec, and is not sent. */
export const skip = () => fc.pre(false)

export async function runProperty<T>(
  context: RunContext,
  name: string,
  arbitrary: fc.Arbitrary<T>,
  run: (value: T) => Promise<Trial>,
  options: { runs: number; seed: number; maxShrinks?: number },
): Promise<{ sent: number; failed: boolean }> {
  const maxShrinks = options.maxShrinks ?? 400
  let smallest: Trial | undefined
  let shrinks = 0
  let sent = 0
  const property = fc.asyncProperty(arbitrary, async (value) => {
    // Once the budget is spent, every further candidate "passes": fast-check keeps the smallest failure so far.
    if (smallest && shrinks++ >= maxShrinks) return true
    const trial = await run(value)
    sent += trial.exchanges.length
    if (trial.failed === undefined) {
      if (!smallest) for (const exchange of trial.exchanges) context.record(exchange)
      return true
    }
    smallest = trial
    return false
  })
  const result = await fc.check(property, { numRuns: options.runs, seed: hash(`${options.seed}:${name}`) | 0, maxSkipsPerRun: 20 })
  if (result.failed && !smallest && result.errorInstance) throw result.errorInstance
  if (smallest) {
    const failing = smallest.exchanges[smallest.failed!]!
    const steps = Math.min(result.numShrinks, maxShrinks)
    failing.generated = {
      example: `${smallest.example} (shrunk in ${steps} step${steps === 1 ? '' : 's'}; --seed ${options.seed} repeats it)`,
      before: smallest.exchanges.slice(0, smallest.failed).map((exchange) => exchange.request),
      secrets: smallest.exchanges.slice(0, smallest.failed).flatMap((exchange) => exchange.secrets ?? []),
    }
    context.record(failing)
  }
  if (result.numSkips > 0 && result.numRuns === 0) context.warnings.push(`${name}: no generated example was valid against the spec, so none was sent`)
  return { sent, failed: smallest !== undefined }
}
