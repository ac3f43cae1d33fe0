/**
 * The generative phase, stateful: random sequences of operations along the spec's links, from
 * each create: create, read, update (each update the links offer), delete, and read after delete,
 * interleaved over up to three records, with generated bodies. Each step is judged as it is sent:
 * every answer must conform (no server error, documented status, body and headers); a create or
 * update that succeeds must show what was sent (write-persistence), a read must find the record
 * and show it as the writes left it, a read after its delete must be refused. A failing sequence
 * is shrunk by fast-check to the shortest one that still fails.
 *
 * Safe on real servers: only records the sequence created are read, changed or deleted, and every
 * one still alive when a sequence ends is deleted. A create whose records cannot be deleted (no
 * delete link) gets no sequences. Not run with --read-only.
 */
import fc from 'fast-check'
import { bodyMedia, merge, type RunContext } from '../context.ts'
import type { Exchange, ExchangeKind } from '../exchange.ts'
import type { Schema, SpecOperation } from '../spec.ts'
import { resolveFresh } from '../values/arbitrary.ts'
import type { RequestParts } from '../values/mutate.ts'
import { bodyArbitrary } from '../values/request-arbitrary.ts'
import { overlay, writtenFields, type WrittenField } from '../values/written-fields.ts'
import { isUpdate, linked } from './lifecycle.ts'
import { runProperty } from './property.ts'

/** A record a sequence created: what its links give each operation, and what it should hold. */
interface Created {
  number: number
  values: Map<string, Record<string, unknown>>
  expected: WrittenField[]
  by: string
  textual: boolean
}

interface Model {
  live: number
  deleted: number
}

interface Real {
  live: Created[]
  deleted: Created[]
  created: number
  exchanges: Exchange[]
  steps: string[]
  failed?: number
}

/** One step of a sequence: run when `check` says the model has something for it to act on. */
interface Step {
  check(model: Readonly<Model>): boolean
  run(model: Model, real: Real): Promise<void>
}

/** Stops a sequence at the first step a check fails. */
class StepFailed extends Error {}

const ok = (exchange: Exchange) => exchange.response.status >= 200 && exchange.response.status < 300
const textual = (mediaType?: string) => mediaType !== undefined && !/json/.test(mediaType)
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The operations a create leads to: directly, or through the links of its read. */
function plan(context: RunContext, create: SpecOperation) {
  const linkedFrom = (operation: SpecOperation | undefined) =>
    Object.entries(operation?.responses ?? {})
      .filter(([status]) => /^2/.test(status))
      .flatMap(([, response]) => Object.values(response.links ?? {}))
      .map((link) => context.spec.operations.find((op) => op.id === link.operationId))
      .filter((op): op is SpecOperation => op !== undefined)
  const direct = linkedFrom(create)
  const read = direct.find((op) => op.safe)
  const all = [...new Set([...direct, ...linkedFrom(read)])]
  return { read, updates: all.filter((op) => isUpdate(op) && op !== create), remove: all.find((op) => op.method === 'DELETE') }
}

export async function generateSequences(context: RunContext, runs: number, seed: number): Promise<void> {
  if (context.readOnly) return
  let sent = 0
  let failed = 0
  const skipped: string[] = []
  for (const create of context.spec.operations) {
    const success = Object.entries(create.responses).find(([status]) => /^2/.test(status))
    if (create.method !== 'POST' || create.safe || !success?.[1].links || isUpdate(create) || !context.owns(create)) continue
    const { read, updates, remove } = plan(context, create)
    const createBody = bodyArbitrary(context.spec, create, {}, context.generator.flatten)
    if (!remove || !read || !createBody) {
      skipped.push(create.id)
      continue
    }
    const fresh = (value: unknown) => resolveFresh(value, (schema: Schema) => context.generator.value(schema, { fresh: true }))
    const fieldsOf = (operation: SpecOperation, parts: RequestParts) =>
      writtenFields(parts.body, parts.mediaType ? operation.requestBody?.content[parts.mediaType]?.schema : undefined, context.generator.flatten, context.targets(operation))
    const withLinks = (operation: SpecOperation, body: unknown, values: Record<string, unknown>) => {
      const properties = context.generator.flatten(bodyMedia(operation)?.media.schema ?? {}).properties ?? {}
      if (!isObject(body)) return body
      const result = { ...body }
      for (const [name, value] of Object.entries(values)) if (name in properties) result[name] = merge(result[name], value)
      return result
    }

    const send = async (real: Real, operation: SpecOperation, kind: ExchangeKind, words: string, parts: RequestParts) => {
      const exchange = await context.attempt(operation, kind, `step ${real.exchanges.length + 1} of a generated sequence: ${words}`, parts)
      real.exchanges.push(exchange)
      real.steps.push(words)
      return exchange
    }
    const judge = (real: Real, exchange: Exchange) => {
      if (context.failing(exchange).length === 0) return
      real.failed = real.exchanges.indexOf(exchange)
      throw new StepFailed()
    }
    const pick = (records: Created[], index: number) => records[index % records.length]!
    /**
     * A request to the record through what its links gave: never a fallback to the pool or the
     * docs' examples, which would name a record the sequence did not create.
     */
    const addressed = (operation: SpecOperation, record: Created) => {
      const values = record.values.get(operation.id)
      if (!values || operation.parameters.some((p) => p.in === 'path' && values[p.name] === undefined)) return undefined
      return { values, parts: context.validParts(operation, { overrides: values }) }
    }
    /** Reads a record; a successful read teaches the values its links give (an update or delete that hangs off the read). */
    const readRecord = async (real: Real, record: Created, kind: 'read-after-create' | 'read-after-delete') => {
      const parts = addressed(read, record)?.parts
      if (!parts) return
      const exchange = await send(real, read, kind, `read #${record.number}${kind === 'read-after-delete' ? ' after its delete' : ''}`, parts)
      if (kind === 'read-after-create') exchange.written = { fields: record.expected, by: `${record.by}, read back later`, textual: record.textual }
      if (ok(exchange)) for (const link of linked(context, exchange, parts)) if (!record.values.has(link.operation.id)) record.values.set(link.operation.id, link.values)
      judge(real, exchange)
    }

    class Create implements Step {
      constructor(readonly body: unknown) {}
      check = (model: Readonly<Model>) => model.live < 3
      async run(model: Model, real: Real) {
        const base = context.validParts(create, { poolOnly: true, byName: true })
        if (!base) return
        const parts = { ...base, body: fresh(this.body) }
        if (!context.isValid(create, parts)) return
        const number = real.created + 1
        const exchange = await send(real, create, 'generated', `create #${number} ${JSON.stringify(parts.body)}`, parts)
        const fields = fieldsOf(create, parts)
        exchange.written = { fields, by: 'create', textual: textual(parts.mediaType) }
        if (ok(exchange)) {
          real.created = number
          const record: Created = { number, values: new Map(linked(context, exchange, parts).map((link) => [link.operation.id, link.values])), expected: fields, by: 'create', textual: textual(parts.mediaType) }
          real.live.push(record)
          model.live++
          judge(real, exchange)
          // Its delete hangs off the read (the create answers without an id): read it now, so it can be deleted.
          if (!record.values.has(remove!.id)) await readRecord(real, record, 'read-after-create')
        } else judge(real, exchange)
      }
    }

    class Read implements Step {
      constructor(readonly index: number) {}
      check = (model: Readonly<Model>) => model.live > 0
      run = (_: Model, real: Real) => readRecord(real, pick(real.live, this.index), 'read-after-create')
    }

    class Update implements Step {
      constructor(
        readonly operation: SpecOperation,
        readonly index: number,
        readonly body: unknown,
      ) {}
      check = (model: Readonly<Model>) => model.live > 0
      async run(_: Model, real: Real) {
        const record = pick(real.live, this.index)
        const target = addressed(this.operation, record)
        if (!target?.parts) return
        const parts = { ...target.parts, body: withLinks(this.operation, fresh(this.body), target.values) }
        if (!context.isValid(this.operation, parts)) return
        const exchange = await send(real, this.operation, 'generated', `update #${record.number} (${this.operation.method}) ${JSON.stringify(parts.body)}`, parts)
        const fields = fieldsOf(this.operation, parts)
        exchange.written = { fields, by: 'update', textual: textual(parts.mediaType) }
        if (ok(exchange)) {
          record.expected = overlay(record.expected, fields)
          record.by = 'create and update'
          record.textual ||= textual(parts.mediaType)
        }
        judge(real, exchange)
      }
    }

    const deleteRecord = async (real: Real, record: Created, judged: boolean) => {
      const parts = addressed(remove, record)?.parts
      if (!parts) return undefined
      if (!judged) return context.attempt(remove, 'valid', 'clean-up of a record the suite created', parts)
      return send(real, remove, 'generated', `delete #${record.number}`, parts)
    }

    class Delete implements Step {
      constructor(readonly index: number) {}
      check = (model: Readonly<Model>) => model.live > 0
      async run(model: Model, real: Real) {
        const record = pick(real.live, this.index)
        const exchange = await deleteRecord(real, record, true)
        if (!exchange) return
        if (ok(exchange)) {
          real.live.splice(real.live.indexOf(record), 1)
          real.deleted.push(record)
          model.live--
          model.deleted++
        }
        judge(real, exchange)
        // A delete shows only in what a read finds next: read it at once (ReadDeleted reads again later).
        if (ok(exchange)) await readRecord(real, record, 'read-after-delete')
      }
    }

    class ReadDeleted implements Step {
      constructor(readonly index: number) {}
      check = (model: Readonly<Model>) => model.deleted > 0
      run = (_: Model, real: Real) => readRecord(real, pick(real.deleted, this.index), 'read-after-delete')
    }

    // A sequence is a list of steps, run in order; a step with nothing to act on (a read before any
    // create) is skipped. fast-check shrinks the list by dropping steps and simplifying each one.
    const steps = fc.array(
      fc.oneof(
        { arbitrary: createBody.map((body): Step => new Create(body)), weight: 2 },
        { arbitrary: fc.nat().map((index): Step => new Read(index)), weight: 1 },
        ...updates.flatMap((operation) => {
          const body = bodyArbitrary(context.spec, operation, {}, context.generator.flatten)
          return body ? [{ arbitrary: fc.tuple(fc.nat(), body).map(([index, value]): Step => new Update(operation, index, value)), weight: 2 }] : []
        }),
        { arbitrary: fc.nat().map((index): Step => new Delete(index)), weight: 2 },
        { arbitrary: fc.nat().map((index): Step => new ReadDeleted(index)), weight: 1 },
      ),
      { minLength: 1, maxLength: 16, size: 'max' },
    )
    const outcome = await runProperty(
      context,
      `${create.id} sequence`,
      steps,
      async (sequence) => {
        const real: Real = { live: [], deleted: [], created: 0, exchanges: [], steps: [] }
        const model: Model = { live: 0, deleted: 0 }
          try {
          for (const step of sequence) if (step.check(model)) await step.run(model, real)
        } catch (error) {
          if (!(error instanceof StepFailed)) throw error
        } finally {
          for (const record of real.live) {
            const exchange = await deleteRecord(real, record, false)
            if (!exchange || !ok(exchange)) context.warnings.push(`${create.id}: a record a generated sequence created could not be deleted`)
          }
        }
        const steps = real.failed === undefined ? real.steps : real.steps.slice(0, real.failed + 1)
        return { exchanges: real.exchanges, failed: real.failed, example: `the sequence ${steps.join(' → ')}` }
      },
      { runs, seed },
    )
    sent += outcome.sent
    if (outcome.failed) failed++
  }
  const notRun = skipped.length ? `; no sequences for ${skipped.join(', ')} (no read and delete link to clean up with)` : ''
  context.progress(`generated sequences: ${sent} requests${failed ? `, ${failed} failed and shrunk` : ''}${notRun}`)
}
