/**
 * Requests that break the spec one rule at a time, each confirmed invalid before it is sent. If a
 * server wrongly accepts an invalid create, the suite deletes what it made. Operations that could
 * change data aim at a record that cannot exist, so a server that accepts the input changes nothing.
 */
import { bodyMedia, parameterSchema, type RunContext } from '../context.ts'
import { isSafe } from '../spec.ts'
import { mutations } from '../values/mutate.ts'
import { cleanUp } from './lifecycle.ts'

export async function probeInvalidInput(context: RunContext, limitPerOperation = 60): Promise<void> {
  let sent = 0
  for (const operation of context.spec.operations) {
    if ((context.readOnly && !isSafe(operation)) || !context.owns(operation)) continue
    const parts = isSafe(operation) ? (context.validParts(operation, { poolOnly: true }) ?? context.validParts(operation)) : context.absentParts(operation)
    if (!parts) continue
    const schemas = { path: parameterSchema(operation, 'path'), query: parameterSchema(operation, 'query'), header: parameterSchema(operation, 'header'), body: bodyMedia(operation)?.media.schema }
    const variants = mutations(parts, schemas, context.generator).filter((m) => !context.isValid(operation, m.parts))
    for (const mutation of variants.slice(0, limitPerOperation)) {
      const exchange = await context.send(operation, 'invalid', mutation.description, mutation.parts)
      if (exchange.response.status >= 200 && exchange.response.status < 300) await cleanUp(context, exchange, mutation.parts)
      sent++
    }
  }
  context.progress(`invalid input: ${sent} requests`)
}
