/**
 * `mockdesk serve --seed-from <dir>`: puts the records of recorded list responses into the mock's
 * stores, so a demo starts from data shaped like the team's real account (already redacted by the
 * proxy). For each recorded 2xx answer of a list operation (`x-pagination` in the spec), the items
 * at its `items` pointer are matched to the store collection whose spec schema accepts them:
 * a list item often carries fewer fields than the stored record (a summary), so it is laid over a
 * generated record of the same seed, and only fields the record has are taken. JSON:API items
 * (`id`, `attributes`) are read flat. Recorded records come first, then the generated ones whose
 * ids are not taken; `--count` says how many generated ones there are (0 for none).
 */
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { IndexedCollection } from '../core/indexed-collection.ts'
import type { Mockdesk } from '../core/mockdesk.ts'
import { readHarEntries, type HarEntry } from './har.ts'
import { at } from './violation.ts'

export interface SeededCollection {
  api: string
  collection: string
  /** Records taken from the recording. */
  records: number
  /** Recorded items no collection's schema accepted. */
  skipped: number
}

type Row = Record<string, unknown>
const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The forms a list item may be stored in: as it is, or a JSON:API resource read flat. */
const forms = (item: Row): Row[] => (isRow(item.attributes) ? [{ ...item, ...item.attributes }, item] : [item])

async function accepts(schema: StandardSchemaV1, record: unknown): Promise<boolean> {
  const result = await schema['~standard'].validate(record)
  return !result.issues
}

/** The list operations of an API's spec, by operationId, with the pointer to their items. */
function listOperations(document: { paths?: Record<string, Record<string, unknown>> }): Map<string, string> {
  const lists = new Map<string, string>()
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item)) {
      if (!isRow(operation) || typeof operation.operationId !== 'string' || !isRow(operation['x-pagination'])) continue
      const items = String(operation['x-pagination'].items ?? '')
      lists.set(operation.operationId, items === '' || items.startsWith('/') ? items : `/${items}`)
    }
  }
  return lists
}

function recordedItems(entries: HarEntry[], api: string, lists: Map<string, string>): Row[] {
  const items: Row[] = []
  for (const entry of entries) {
    const operationId = entry._mockdesk?.operationId
    if (entry._mockdesk?.api !== api || !operationId || !lists.has(operationId)) continue
    if (entry.response.status < 200 || entry.response.status > 299 || !entry.response.content.text) continue
    let body: unknown
    try {
      body = JSON.parse(entry.response.content.text)
    } catch {
      continue
    }
    const found = at(body, lists.get(operationId)!)
    for (const item of Array.isArray(found) ? found : isRow(found) ? Object.values(found) : []) if (isRow(item)) items.push(item)
  }
  return items
}

/** The recorded exchanges under `dir`, read before the server starts so a bad directory stops nothing half-way. */
export async function loadRecording(dir: string): Promise<HarEntry[]> {
  try {
    const entries = await readHarEntries(dir)
    if (entries.length === 0) throw new Error('it holds no .har files')
    return entries
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such directory' : error instanceof Error ? error.message : String(error)
    throw new Error(`cannot seed from ${dir}: ${reason}. Record one first with mockdesk proxy <api> --target <url> --record ${dir}.`)
  }
}

export async function seedFromRecording(mockdesk: Mockdesk, entries: HarEntry[]): Promise<SeededCollection[]> {
  const seeded: SeededCollection[] = []
  for (const api of mockdesk.apis) {
    const { definition } = api
    const items = recordedItems(entries, definition.id, listOperations(definition.document as never))
    if (items.length === 0) continue
    // Generated records to lay recorded items over: the same seed, so the result is reproducible.
    const templates = (await definition.createStore({ seed: mockdesk.seed, count: Math.max(2, Math.min(items.length, 50)) })) as Row
    const store = api.store as Row

    // The collection whose records the items fill best: most of each item's fields are fields of
    // the record (an id alone fits many collections), and the result passes the record's schema.
    let best: { name: string; records: Row[]; score: number } | undefined
    for (const [name, collection] of Object.entries(store)) {
      const pattern = templates[name]
      if (!(collection instanceof IndexedCollection) || !(pattern instanceof IndexedCollection) || pattern.count() < 2) continue
      const keyOf = (record: Row) => {
        try {
          return collection.options.key(record as never)
        } catch {
          return undefined // the record lacks what this collection is keyed by
        }
      }
      const records: Row[] = []
      let score = 0
      for (const [index, item] of items.entries()) {
        const template = pattern.all()[index % pattern.count()] as Row
        const other = pattern.all()[(index + 1) % pattern.count()] as Row
        let fit: { record: Row; share: number } | undefined
        for (const form of forms(item)) {
          const taken = Object.fromEntries(Object.entries(form).filter(([key]) => Object.hasOwn(template, key)))
          const share = Object.keys(taken).length / Object.keys(form).length
          if (share < 0.5 || share <= (fit?.share ?? 0)) continue
          const record = { ...structuredClone(template), ...taken }
          // The record must take its identity from the recording, not from the template: laid
          // over another template, it keeps its key.
          const key = keyOf(record)
          if (key === undefined || key !== keyOf({ ...other, ...taken })) continue
          if (await accepts(collection.options.schema, record)) fit = { record, share }
        }
        if (fit) {
          records.push(fit.record)
          score += fit.share
        }
      }
      if (score > (best?.score ?? 0)) best = { name, records, score }
    }
    if (!best) {
      seeded.push({ api: definition.id, collection: '(none)', records: 0, skipped: items.length })
      continue
    }

    const collection = store[best.name] as IndexedCollection<object>
    const generated = [...collection.all()]
    collection.clear()
    let records = 0
    for (const record of best.records) {
      if (collection.get(collection.options.key(record))) continue // the same record on two recorded pages
      try {
        await collection.create(record)
        records++
      } catch {
        // A record the store refuses (a unique field taken): counted as skipped.
      }
    }
    for (const record of generated) {
      if (collection.get(collection.options.key(record))) continue
      await collection.create(record).catch(() => {})
    }
    advanceCounters(store, best.name, collection)
    seeded.push({ api: definition.id, collection: best.name, records, skipped: items.length - best.records.length })
  }
  return seeded
}

/**
 * Stores that give out numeric ids keep a counter beside the collection (`sequence.ticket`,
 * `ids.customer`), named after one of its records. Recorded ids may lie beyond it: the counter
 * is moved past the highest, so a record created later never takes a recorded record's id.
 */
function advanceCounters(store: Row, collectionName: string, collection: IndexedCollection<object>) {
  const keys = collection.all().map((record) => collection.options.key(record))
  if (!keys.every((key) => typeof key === 'number')) return
  const highest = Math.max(...(keys as number[]))
  const singular = collectionName.replace(/ies$/, 'y').replace(/s$/, '')
  for (const value of Object.values(store)) {
    if (!isRow(value) || value instanceof IndexedCollection) continue
    const counter = value[singular]
    if (typeof counter === 'number' && counter <= highest) value[singular] = highest + 1
    else if (counter && typeof counter === 'object') {
      for (const [field, current] of Object.entries(counter)) {
        if (typeof current === 'number' && current <= highest) (counter as Row)[field] = highest + 1
      }
    }
  }
}
