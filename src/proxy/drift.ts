/**
 * The drift report: what the vendor (and the app) actually did, per operation, against what the
 * spec documents. Differences are what contradicts the spec (an undocumented status, field or
 * header, a missing required field, a type or format mismatch, a renamed field); `unseen` is what
 * the spec documents that the traffic never showed (statuses, optional fields, headers), which is
 * coverage rather than drift. Each difference keeps a count and one redacted example.
 */
import type { ResponseSpec, Spec, SpecOperation } from '../contract/spec.ts'
import { label } from '../contract/spec.ts'
import type { FieldObservation } from './field-walk.ts'
import type { Redactor } from './redact.ts'
import { show, type Violation, type ViolationKind } from './violation.ts'

export type DifferenceKind = ViolationKind | 'renamed-field' | 'undocumented-header'

export interface Difference {
  kind: DifferenceKind
  side: 'request' | 'response'
  /** The response status it was seen with (response side). */
  status?: number
  in: Violation['in']
  /** A JSON pointer template (`/*` for any array item), or a header or parameter name. */
  pointer: string
  /** For `renamed-field`: the undocumented field that took the documented one's place. */
  renamedTo?: string
  documented: string
  /** One redacted example of what was received. */
  example: string
  /** In how many exchanges it was seen. */
  count: number
}

export interface OperationDrift {
  operation: string
  operationId: string
  exchanges: number
  statuses: Record<string, number>
  differences: Difference[]
  unseen: { statuses: string[]; fields: Array<{ status: number; pointer: string }>; headers: Array<{ status: number; header: string }> }
}

export interface ApiDrift {
  api: string
  target: string
  exchanges: number
  operations: OperationDrift[]
  /** Requests no operation of the spec documents. */
  undocumentedOperations: Array<{ method: string; path: string; count: number; statuses: Record<string, number> }>
}

export interface DriftReport {
  generatedAt: string
  apis: ApiDrift[]
}

/** What one exchange showed, as the proxy hands it to the recorder. */
export interface ObservedExchange {
  operation?: SpecOperation
  method: string
  /** Redacted path below the target, for undocumented operations. */
  path: string
  /** The vendor's status; absent when the request was not forwarded or no answer came. */
  status?: number
  violations: Violation[]
  /** Lower-case names. */
  responseHeaders?: Record<string, string>
  documented?: ResponseSpec
  fields?: FieldObservation
}

/** Headers any HTTP server sends: not the vendor's API surface, so never "undocumented". */
const standardHeaders = new Set(
  'date server content-type content-length content-encoding content-language content-location content-disposition content-range transfer-encoding connection keep-alive vary etag last-modified expires cache-control pragma age via alt-svc accept-ranges strict-transport-security x-content-type-options x-frame-options x-xss-protection referrer-policy content-security-policy permissions-policy cross-origin-opener-policy cross-origin-resource-policy cross-origin-embedder-policy set-cookie location nel report-to x-powered-by'.split(' '),
)
const isStandardHeader = (name: string) => standardHeaders.has(name) || name.startsWith('access-control-') || name.startsWith('cf-') || name.startsWith('x-amz-')

/** `/3/email` → `/*\/email`: one entry for every item of a list. */
export const template = (pointer: string) => pointer.replace(/\/\d+(?=\/|$)/g, '/*')
const parentOf = (pointer: string) => pointer.slice(0, pointer.lastIndexOf('/'))

class OperationState {
  exchanges = 0
  statuses = new Map<number, number>()
  differences = new Map<string, Difference>()
  /** Per status: documented field templates, and whether each was ever present. */
  fields = new Map<number, Map<string, boolean>>()
  headers = new Map<number, Set<string>>()
  documented = new Map<number, ResponseSpec>()

  constructor(readonly operation: SpecOperation) {}

  /** The keys added during the current exchange: counts are of exchanges, not of list items. */
  current = new Set<string>()

  add(difference: Omit<Difference, 'count'>) {
    const key = [difference.side, difference.kind, difference.status, difference.in, difference.pointer].join('|')
    if (this.current.has(key)) return
    this.current.add(key)
    const current = this.differences.get(key)
    if (current) current.count++
    else this.differences.set(key, { ...difference, count: 1 })
  }
}

export class DriftRecorder {
  readonly #apis = new Map<string, { target: string; spec: Spec; exchanges: number; operations: Map<SpecOperation, OperationState>; undocumented: Map<string, ApiDrift['undocumentedOperations'][number]> }>()

  constructor(readonly redactor: Redactor) {}

  addApi(api: string, target: string, spec: Spec) {
    this.#apis.set(api, { target, spec, exchanges: 0, operations: new Map(spec.operations.map((op) => [op, new OperationState(op)])), undocumented: new Map() })
  }

  record(api: string, exchange: ObservedExchange) {
    const entry = this.#apis.get(api)
    if (!entry) return
    entry.exchanges++
    if (!exchange.operation) {
      const key = `${exchange.method} ${exchange.path}`
      const row = entry.undocumented.get(key) ?? { method: exchange.method, path: exchange.path, count: 0, statuses: {} }
      row.count++
      if (exchange.status !== undefined) row.statuses[exchange.status] = (row.statuses[exchange.status] ?? 0) + 1
      entry.undocumented.set(key, row)
      return
    }
    const state = entry.operations.get(exchange.operation)!
    state.exchanges++
    state.current = new Set()
    const status = exchange.status
    if (status !== undefined) state.statuses.set(status, (state.statuses.get(status) ?? 0) + 1)

    for (const v of exchange.violations) {
      // Undocumented fields come from the field walk below, which also sees them where the spec
      // leaves an object open; ajv reports only those the schema forbids.
      if (v.kind === 'undocumented-field' && v.side === 'response' && exchange.fields) continue
      const pointer = v.in === 'body' ? template(v.pointer) : v.pointer
      state.add({ kind: v.kind, side: v.side, status: v.side === 'response' ? status : undefined, in: v.in, pointer, documented: v.documented, example: v.received })
    }

    if (status === undefined || !exchange.documented) return
    state.documented.set(status, exchange.documented)
    const documentedHeaders = Object.keys(exchange.documented.headers ?? {}).map((h) => h.toLowerCase())
    const seen = state.headers.get(status) ?? new Set<string>()
    for (const [header, value] of Object.entries(exchange.responseHeaders ?? {})) {
      seen.add(header)
      if (!documentedHeaders.includes(header) && !isStandardHeader(header)) {
        const documented = documentedHeaders.length ? `headers ${documentedHeaders.join(', ')}` : 'no headers'
        state.add({ kind: 'undocumented-header', side: 'response', status, in: 'header', pointer: header, documented, example: show(`${header}: ${this.redactor.header(header, value)}`) })
      }
    }
    state.headers.set(status, seen)
    if (exchange.fields) {
      const fields = state.fields.get(status) ?? new Map<string, boolean>()
      for (const [path, present] of exchange.fields.documented) fields.set(path, (fields.get(path) ?? false) || present)
      state.fields.set(status, fields)
      for (const [path, value] of exchange.fields.undocumented) {
        state.add({ kind: 'undocumented-field', side: 'response', status, in: 'body', pointer: path, documented: 'no such field', example: show(this.redactor.atPointer(path, value)) })
      }
    }
  }

  report(): DriftReport {
    return {
      generatedAt: new Date().toISOString(),
      apis: [...this.#apis].map(([api, entry]) => ({
        api,
        target: entry.target,
        exchanges: entry.exchanges,
        operations: [...entry.operations.values()].filter((s) => s.exchanges > 0).map(operationDrift),
        undocumentedOperations: [...entry.undocumented.values()],
      })),
    }
  }
}

function operationDrift(state: OperationState): OperationDrift {
  const differences = [...state.differences.values()].map((d) => ({ ...d }))
  const unseenFields: OperationDrift['unseen']['fields'] = []
  for (const [status, fields] of state.fields) {
    for (const [pointer, present] of fields) {
      if (present || differences.some((d) => d.status === status && d.kind === 'missing-field' && d.pointer === pointer)) continue
      unseenFields.push({ status, pointer })
    }
  }
  pairRenames(differences, unseenFields)

  const seenStatuses = [...state.statuses.keys()].map(String)
  const unseenStatuses = Object.keys(state.operation.responses).filter(
    (documented) => documented !== 'default' && !seenStatuses.some((s) => s === documented || (documented.endsWith('XX') && s[0] === documented[0])),
  )
  const unseenHeaders: OperationDrift['unseen']['headers'] = []
  for (const [status, documented] of state.documented) {
    const seen = state.headers.get(status) ?? new Set()
    for (const header of Object.keys(documented.headers ?? {})) {
      if (!seen.has(header.toLowerCase()) && !differences.some((d) => d.kind === 'missing-header' && d.status === status && d.pointer === header)) unseenHeaders.push({ status, header })
    }
  }
  const order: DifferenceKind[] = ['undocumented-status', 'renamed-field', 'missing-field', 'undocumented-field', 'type-mismatch', 'format-mismatch', 'value-mismatch', 'content-type', 'malformed-body', 'missing-header', 'header-mismatch', 'undocumented-header', 'invalid-parameter', 'missing-credentials', 'undocumented-operation']
  differences.sort((a, b) => (a.side === b.side ? 0 : a.side === 'response' ? -1 : 1) || order.indexOf(a.kind) - order.indexOf(b.kind) || a.pointer.localeCompare(b.pointer))
  return {
    operation: label(state.operation),
    operationId: state.operation.id,
    exchanges: state.exchanges,
    statuses: Object.fromEntries([...state.statuses].sort(([a], [b]) => a - b).map(([status, count]) => [String(status), count])),
    differences,
    unseen: { statuses: unseenStatuses, fields: unseenFields, headers: unseenHeaders },
  }
}

/**
 * A documented field that is missing (or never appeared) beside one undocumented field in the
 * same object is most likely a rename: reported as one difference, which is the spec change to make.
 */
function pairRenames(differences: Difference[], unseen: OperationDrift['unseen']['fields']) {
  const groups = new Map<string, { missing: Difference[]; unseen: Array<{ status: number; pointer: string }>; extra: Difference[] }>()
  const group = (status: number | undefined, parent: string) => {
    const key = `${status}|${parent}`
    let found = groups.get(key)
    if (!found) groups.set(key, (found = { missing: [], unseen: [], extra: [] }))
    return found
  }
  for (const d of differences) {
    if (d.side !== 'response' || d.in !== 'body') continue
    if (d.kind === 'missing-field') group(d.status, parentOf(d.pointer)).missing.push(d)
    if (d.kind === 'undocumented-field') group(d.status, parentOf(d.pointer)).extra.push(d)
  }
  for (const field of unseen) group(field.status, parentOf(field.pointer)).unseen.push(field)

  for (const { missing, unseen: absent, extra } of groups.values()) {
    if (extra.length !== 1) continue
    const renamed = missing.length === 1 ? missing[0]! : missing.length === 0 && absent.length === 1 ? undefined : null
    if (renamed === null) continue
    const added = extra[0]!
    const pointer = renamed?.pointer ?? absent[0]!.pointer
    differences.splice(differences.indexOf(added), 1)
    if (renamed) differences.splice(differences.indexOf(renamed), 1)
    else unseen.splice(unseen.indexOf(absent[0]!), 1)
    differences.push({ kind: 'renamed-field', side: 'response', status: added.status, in: 'body', pointer, renamedTo: added.pointer, documented: `field ${pointer}`, example: added.example, count: added.count })
  }
}
