/**
 * The sandbox page's data browser, as control endpoints on the world a call names (its session's,
 * or the default one):
 * `GET /__mockdesk/data` (each API's collections and record counts),
 * `GET /__mockdesk/data/<api>/<collection>[?offset=0&limit=20&q=text]` (one page of records, in
 * the order lists serve them; `q` keeps records whose JSON contains the text, case ignored) and
 * `GET /__mockdesk/data/<api>/<collection>/<id>` (one record in full).
 * Read-only: nothing here changes a store. Every bad input is a kit error naming what would work.
 */
import { collectionsOf } from './image.ts'
import type { IndexedCollection, Key } from './indexed-collection.ts'
import { KitError } from './kit-error.ts'
import type { World } from './world.ts'

export const dataPrefix = '/data'
export const defaultPageSize = 20
export const maxPageSize = 100
/** Longer search text is refused: no record's JSON needs more to be found, and it bounds the work. */
export const maxQueryLength = 200

const badRequest = (message: string, fix: string) => new KitError('MOCKDESK_BAD_CONTROL_REQUEST', message, fix)

function integer(name: string, raw: string | null, fallback: number, max: number): number {
  if (raw === null) return fallback
  const value = /^\d{1,16}$/.test(raw) ? Number(raw) : Number.NaN
  if (!Number.isSafeInteger(value) || value > max) {
    throw badRequest(
      `"${raw.slice(0, 40)}" is not a valid ${name}: it must be a whole number${max === maxPageSize ? ` from 0 to ${max} (at most ${max} records a page)` : ''}.`,
      `Page with ?offset=0&limit=${defaultPageSize} (at most ${maxPageSize} records a page), then offset=${defaultPageSize}, and so on.`,
    )
  }
  return value
}

function collectionOf(world: World, apiId: string, name: string): IndexedCollection<object> {
  const store = world.store(apiId)
  if (!store) {
    throw new KitError('MOCKDESK_NO_ROUTE', `No mounted API is called "${apiId.slice(0, 60)}".`, `Browse one of: ${world.definitions.map((api) => api.id).join(', ')} (GET /__mockdesk/data lists them).`)
  }
  const collections = collectionsOf(store)
  const found = collections.find(([collection]) => collection === name)
  if (!found) {
    throw new KitError(
      'MOCKDESK_NO_ROUTE',
      `The ${apiId} API has no collection "${name.slice(0, 60)}".`,
      `Browse one of its collections: ${collections.map(([collection]) => collection).join(', ')}.`,
    )
  }
  return found[1]
}

/** Ids in a URL are text; a collection keyed by numbers finds "7" as 7. */
function recordByKey(collection: IndexedCollection<object>, raw: string): object | undefined {
  const keys: Key[] = [raw]
  if (/^-?\d{1,15}$/.test(raw)) keys.push(Number(raw))
  for (const key of keys) {
    const record = collection.get(key)
    if (record) return record
  }
  return undefined
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw badRequest(`The path segment "${segment.slice(0, 60)}" is not valid percent-encoding.`, 'Encode each id with encodeURIComponent.')
  }
}

export function collectionsOverview(world: World) {
  return {
    seed: world.seed,
    apis: world.definitions.map((api) => ({
      id: api.id,
      title: api.document.info.title,
      collections: collectionsOf(world.store(api.id)!).map(([name, collection]) => ({ name, count: collection.count() })),
    })),
  }
}

/** Answers a `/data...` control call (`path` starts after `/__mockdesk`), or throws a kit error. */
export function browseData(world: World, path: string, url: URL): Response {
  const segments = path.slice(dataPrefix.length).split('/').filter((segment, index) => index > 0 || segment !== '')
  if (segments.length === 0 || (segments.length === 1 && segments[0] === '')) return Response.json(collectionsOverview(world))
  const [apiId, name, id, ...rest] = segments.map(decoded)
  if (name === undefined || name === '' || rest.length > 0 || id === '') {
    throw new KitError(
      'MOCKDESK_NO_ROUTE',
      `There is no data endpoint ${path.slice(0, 120)}.`,
      'Use GET /__mockdesk/data, GET /__mockdesk/data/<api>/<collection>[?offset=&limit=&q=] or GET /__mockdesk/data/<api>/<collection>/<id>.',
    )
  }
  const collection = collectionOf(world, apiId!, name)
  if (id !== undefined) {
    const record = recordByKey(collection, id)
    if (!record) {
      throw new KitError('MOCKDESK_NO_ROUTE', `The ${apiId} ${name} collection has no record "${id.slice(0, 80)}".`, `List the records with GET /__mockdesk/data/${apiId}/${name} to see their ids.`)
    }
    return Response.json({ api: apiId, collection: name, id: collection.options.key(record as never), record })
  }
  const offset = integer('offset', url.searchParams.get('offset'), 0, Number.MAX_SAFE_INTEGER)
  const limit = integer('limit', url.searchParams.get('limit'), defaultPageSize, maxPageSize)
  const q = url.searchParams.get('q') ?? ''
  if (q.length > maxQueryLength) {
    throw badRequest(`The search text is ${q.length} characters long; at most ${maxQueryLength} are taken.`, 'Search for a shorter part of the record, e.g. a name, an e-mail or an id.')
  }
  const needle = q.trim().toLowerCase()
  const all = collection.all()
  const matched = needle === '' ? all : all.filter((record) => JSON.stringify(record).toLowerCase().includes(needle))
  return Response.json({
    api: apiId,
    collection: name,
    total: all.length,
    matched: matched.length,
    offset,
    limit,
    q: needle,
    records: matched.slice(offset, offset + limit).map((record) => ({ id: collection.options.key(record as never), record })),
  })
}
