/**
 * The generative phase, one operation at a time: N examples per read (and per search the spec
 * marks `x-safe`), generated from its parameter and body schemas with fast-check, each confirmed
 * valid against the spec before it is sent, and judged on conformance: no server error, a
 * documented status, a body and headers that match it. The fields that name a record keep a real
 * value from the pool, so only reads of data the server has are sent.
 *
 * Operations that could change data are generated in sequences instead (generated-sequences.ts),
 * on records the suite creates there.
 */
import type { RunContext } from '../context.ts'
import type { Exchange } from '../exchange.ts'
import { isSafe, label } from '../spec.ts'
import { resolveFresh } from '../values/arbitrary.ts'
import type { RequestParts } from '../values/mutate.ts'
import { requestArbitrary } from '../values/request-arbitrary.ts'
import { runProperty, skip } from './property.ts'

/** The request in words: its parameters and body, compactly. */
export function describeParts(parts: RequestParts): string {
  const sections: string[] = []
  for (const location of ['path', 'query', 'header'] as const) {
    const values = parts[location] ?? {}
    if (Object.keys(values).length > 0) sections.push(`${location} ${JSON.stringify(values)}`)
  }
  if (parts.body !== undefined) sections.push(`body ${JSON.stringify(parts.body)}`)
  return sections.join(', ') || 'no parameters'
}

export async function generateExamples(context: RunContext, runs: number, seed: number): Promise<void> {
  let sent = 0
  let failed = 0
  for (const operation of context.spec.operations) {
    if (!isSafe(operation) || !context.owns(operation)) continue
    const base = context.validParts(operation, { poolOnly: true })
    if (!base) continue
    const targets = context.targets(operation)
    const fixed: Record<string, unknown> = {}
    for (const name of targets) {
      const value = base.path[name] ?? base.query[name] ?? base.header?.[name]
      if (value !== undefined) fixed[name] = value
    }
    const outcome = await runProperty(
      context,
      operation.id,
      requestArbitrary(context.spec, operation, fixed, context.generator.flatten),
      async (generated): Promise<{ exchanges: Exchange[]; failed?: number; example: string }> => {
        const parts = resolveFresh(generated, (schema) => context.generator.value(schema, { fresh: true })) as RequestParts
        if (!context.isValid(operation, parts)) skip()
        const exchange = await context.attempt(operation, 'generated', 'a generated example', parts)
        return { exchanges: [exchange], failed: context.failing(exchange).length > 0 ? 0 : undefined, example: `${label(operation)} with ${describeParts(parts)}` }
      },
      { runs, seed },
    )
    sent += outcome.sent
    if (outcome.failed) failed++
  }
  context.progress(`generated examples: ${sent} requests${failed ? `, ${failed} operation(s) failed and shrunk` : ''}`)
}
