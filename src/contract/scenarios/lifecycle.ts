/**
 * create → read → update → read → delete → read, following the links the spec declares on each
 * create operation's success response. Everything created is deleted again.
 */
import type { RunContext } from '../context.ts'
import type { Exchange } from '../exchange.ts'
import { evaluate } from '../runtime-expression.ts'
import type { SpecOperation } from '../spec.ts'
import type { RequestParts } from '../values/mutate.ts'
import { overlay, writtenFields, type WrittenField } from '../values/written-fields.ts'

export type Link = { operation: SpecOperation; values: Record<string, unknown> }

/**
 * The operations a response links to, with the values the links give: their `parameters`, and the
 * fields of a `requestBody` object whose values are runtime expressions (for APIs that take the id
 * in the body, e.g. a form field).
 */
export function linked(context: RunContext, exchange: Exchange, parts: RequestParts): Link[] {
  const links = exchange.operation.responses[String(exchange.response.status)]?.links ?? {}
  const sources = { request: { path: parts.path, query: parts.query, body: parts.body }, response: { body: exchange.response.json, headers: exchange.response.headers } }
  const deep = (value: unknown): unknown =>
    typeof value === 'string' ? evaluate(value, sources) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deep(v)])) : value
  const resolve = (entries: Record<string, unknown>) => Object.entries(entries).map(([name, expression]) => [name.replace(/^(path|query|header)\./, ''), deep(expression)])
  return Object.values(links).flatMap((link) => {
    const operation = context.spec.operations.find((op) => op.id === link.operationId)
    if (!operation) return []
    const body = link.requestBody && typeof link.requestBody === 'object' ? (link.requestBody as Record<string, unknown>) : {}
    const values = Object.fromEntries([...resolve(link.parameters ?? {}), ...resolve(body)])
    // A link whose value is missing (a create sent without the field a search takes) names no
    // record: following it would fall back to example values, and so to a record the suite did not make.
    return complete(values) ? [{ operation, values }] : []
  })
}

const complete = (value: unknown): boolean =>
  value !== undefined && (typeof value !== 'object' || value === null || Object.values(value).every(complete))

export const isUpdate = (op: SpecOperation) => op.method === 'PATCH' || op.method === 'PUT' || (op.method === 'POST' && /update/i.test(op.id))

/** Deletes what a create made, through its delete link; says so when it cannot. */
export async function cleanUp(context: RunContext, created: Exchange, parts: RequestParts): Promise<void> {
  const remove = linked(context, created, parts).find((link) => link.operation.method === 'DELETE')
  const deleteParts = remove && context.validParts(remove.operation, { overrides: remove.values })
  if (!remove || !deleteParts) {
    if (created.operation.method === 'POST') context.warnings.push(`${created.operation.id}: a record created by "${created.description}" could not be deleted (no delete link)`)
    return
  }
  await context.send(remove.operation, 'valid', 'clean-up of a record the suite created', deleteParts)
}

export async function runLifecycles(context: RunContext): Promise<void> {
  if (context.readOnly) return
  let sent = 0
  for (const create of context.spec.operations) {
    const success = Object.entries(create.responses).find(([status]) => /^2/.test(status))
    if (create.method !== 'POST' || create.safe || !success?.[1].links || isUpdate(create)) continue
    // A nested create (a note under a customer) takes its parent's id from any link that gave one.
    const parts = context.validParts(create, { poolOnly: true, byName: true })
    if (!parts) {
      context.warnings.push(`${create.id}: no valid create request could be built, so its lifecycle was not run`)
      continue
    }
    const created = await context.send(create, 'valid', 'create (lifecycle)', parts)
    const textual = (mediaType?: string) => mediaType !== undefined && !/json/.test(mediaType)
    const fieldsOf = (operation: SpecOperation, written: RequestParts): WrittenField[] =>
      writtenFields(written.body, written.mediaType ? operation.requestBody?.content[written.mediaType]?.schema : undefined, context.generator.flatten, context.targets(operation))
    // What the record should hold now: the create's fields, then each update's laid over them.
    let expected = { fields: fieldsOf(create, parts), by: 'create', textual: textual(parts.mediaType) }
    created.written = expected
    sent++
    if (created.response.status < 200 || created.response.status >= 300) continue
    const links = linked(context, created, parts)
    const read = links.find((link) => link.operation.safe)
    const partsFor = (link: Link) => context.validParts(link.operation, { overrides: link.values })
    const readBack = async (kind: 'read-after-create' | 'read-after-delete', step: string) => {
      const readParts = read && partsFor(read)
      if (!readParts) return undefined
      sent++
      const exchange = await context.send(read!.operation, kind, step, readParts)
      if (kind === 'read-after-create') exchange.written = { ...expected, by: `${expected.by}, read back later` }
      return { exchange, parts: readParts, ok: exchange.response.status >= 200 && exchange.response.status < 300 }
    }

    // A resource that cannot be read back is the one fault to report: the later steps would
    // only fail because of it. What was created is still deleted, judged on conformance only.
    const first = await readBack('read-after-create', 'read after create')
    const readable = first?.ok ?? true
    // Update and delete links may hang off the read instead (a create that answers without an id).
    const more = first?.ok ? linked(context, first.exchange, first.parts) : []
    const update = [...links, ...more].find((link) => isUpdate(link.operation))
    const remove = [...links, ...more].find((link) => link.operation.method === 'DELETE')
    const updateParts = readable && update && partsFor(update)
    if (updateParts) {
      const updated = await context.send(update!.operation, 'valid', 'update (lifecycle)', updateParts)
      const fields = fieldsOf(update!.operation, updateParts)
      updated.written = { fields, by: 'update', textual: textual(updateParts.mediaType) }
      if (updated.response.status >= 200 && updated.response.status < 300) expected = { fields: overlay(expected.fields, fields), by: 'create and update', textual: expected.textual || textual(updateParts.mediaType) }
      await readBack('read-after-create', 'read after update')
      sent++
    }
    const deleteParts = remove && partsFor(remove)
    if (!deleteParts) {
      context.warnings.push(`${create.id}: no delete link, so the record it created stays on the server`)
      continue
    }
    const deleted = await context.send(remove!.operation, readable ? 'valid' : 'example', readable ? 'delete (lifecycle)' : 'clean-up after a failed read', deleteParts)
    sent++
    if (readable && deleted.response.status >= 200 && deleted.response.status < 300) await readBack('read-after-delete', 'read after delete')
  }
  context.progress(`lifecycles: ${sent} requests`)
}
