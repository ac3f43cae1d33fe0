/**
 * mockdesk's own endpoints, under `/__mockdesk/` and never under an API prefix:
 * `GET /__mockdesk/health` (what is mounted, the seed, record counts),
 * `GET /__mockdesk/apis` (the same, with the keys that work and a curl per API),
 * `POST /__mockdesk/reset[?seed=N]` (rebuild every store from the seed),
 * `GET /__mockdesk/requests[?after=N]` (the last requests answered, newest last),
 * `GET /__mockdesk/snapshot` (every store as JSON, to save a demo's state or attach to a bug
 * report) and `POST /__mockdesk/snapshot` (load such a file back).
 */
import secureJson from 'secure-json-parse'
import { checkControlAccess, type ControlAccess } from './control-access.ts'
import { KitError } from './kit-error.ts'
import type { Mockdesk, MockdeskSnapshot } from './mockdesk.ts'
import { defaultMaxBodyBytes, excessiveNesting, maxJsonDepth, readBodyBytes } from './request-body.ts'
import { sampleCurl } from './sample-request.ts'

export interface ControlPlaneOptions extends ControlAccess {
  /** The largest snapshot accepted: the same limit as any request body. */
  maxBodyBytes?: number
}

export const controlPrefix = '/__mockdesk'

const baseUrlOf = (base: string, url: URL) => (/^https?:/.test(base) ? base : url.origin + base)

function describe(mockdesk: Mockdesk, url: URL) {
  return {
    status: 'ok',
    seed: mockdesk.seed,
    apis: mockdesk.apis.map((api) => ({
      id: api.definition.id,
      title: api.definition.document.info.title,
      baseUrl: baseUrlOf(api.base, url),
      records: api.definition.counts(api.store),
    })),
  }
}

/** What a person needs to try each API (the sandbox page shows it): health plus keys and a curl. */
function describeForPeople(mockdesk: Mockdesk, url: URL) {
  const health = describe(mockdesk, url)
  return {
    ...health,
    apis: health.apis.map((api, index) => {
      const { definition } = mockdesk.apis[index]!
      return { ...api, keys: definition.keys, curl: sampleCurl(definition, api.baseUrl) }
    }),
  }
}

const nonNegativeInteger = (name: string, raw: string | null, fix: string) => {
  if (raw !== null && !(/^\d+$/.test(raw) && Number.isSafeInteger(Number(raw)))) {
    throw new KitError('MOCKDESK_BAD_CONTROL_REQUEST', `"${raw}" is not a valid ${name}: it must be a non-negative integer.`, fix)
  }
  return raw === null ? undefined : Number(raw)
}

const snapshotFix = 'Send back, unchanged, a body that GET /__mockdesk/snapshot gave, from a server with the same APIs mounted.'
const refuse = (message: string) => new KitError('MOCKDESK_BAD_CONTROL_REQUEST', `${message} Nothing changed.`, snapshotFix)

/**
 * The body of POST /snapshot, bounded like any body and parsed without letting a `__proto__` key
 * through; its seed is checked as `reset?seed=` checks one. The stores are checked on import.
 */
async function readSnapshot(request: Request, maxBytes: number): Promise<MockdeskSnapshot> {
  const text = new TextDecoder().decode(await readBodyBytes(request, maxBytes))
  if (excessiveNesting(text) !== -1) throw refuse(`The snapshot nests deeper than ${maxJsonDepth} levels.`)
  let snapshot: unknown
  try {
    snapshot = secureJson.parse(text, null, { protoAction: 'error', constructorAction: 'error' })
  } catch (error) {
    const forbidden = error instanceof SyntaxError && /prototype/.test(error.message)
    throw refuse(forbidden ? 'The snapshot has a "__proto__" or "constructor.prototype" key, which no snapshot has.' : 'The snapshot is not valid JSON.')
  }
  if (!snapshot || typeof snapshot !== 'object' || Array.isArray(snapshot)) throw refuse('The body is not a mockdesk snapshot (an object with "seed" and "stores").')
  const { seed, stores } = snapshot as Record<string, unknown>
  if (!Number.isSafeInteger(seed) || (seed as number) < 0) throw refuse(`The snapshot's seed ${JSON.stringify(seed)} is not a non-negative integer.`)
  if (!stores || typeof stores !== 'object' || Array.isArray(stores)) throw refuse('The snapshot has no "stores" object.')
  return snapshot as MockdeskSnapshot
}

export async function handleControlRequest(request: Request, url: URL, mockdesk: Mockdesk, options: ControlPlaneOptions = {}): Promise<Response> {
  checkControlAccess(request, url, options)
  const route = `${request.method} ${url.pathname.slice(controlPrefix.length)}`
  switch (route) {
    case 'GET /health':
      return Response.json(describe(mockdesk, url))
    case 'GET /apis':
      return Response.json(describeForPeople(mockdesk, url))
    case 'POST /reset': {
      const seed = nonNegativeInteger(
        'seed',
        url.searchParams.get('seed'),
        "Call POST /__mockdesk/reset to reseed with the current seed, or POST /__mockdesk/reset?seed=7 for another (with an x-mockdesk-control header, e.g. curl -X POST -H 'x-mockdesk-control: 1' ...).",
      )
      await mockdesk.reset(seed)
      return Response.json({ ...describe(mockdesk, url), status: 'reset' })
    }
    case 'GET /requests': {
      const after = nonNegativeInteger('"after" value', url.searchParams.get('after'), 'Pass the "seq" of the newest entry you have, e.g. ?after=12, or leave it out for all kept entries.')
      return Response.json({ last: mockdesk.requests.last, size: mockdesk.requests.size, requests: mockdesk.requests.since(after) })
    }
    case 'GET /snapshot':
      return Response.json(mockdesk.snapshot(), { headers: { 'content-disposition': 'attachment; filename="mockdesk-snapshot.json"' } })
    case 'POST /snapshot': {
      const snapshot = await readSnapshot(request, options.maxBodyBytes ?? defaultMaxBodyBytes)
      try {
        await mockdesk.restore(snapshot)
      } catch (error) {
        // restore() builds fresh stores and swaps them in only when all of them took the snapshot.
        throw refuse(`The snapshot was refused: ${error instanceof Error ? error.message : String(error)}.`)
      }
      return Response.json({ ...describe(mockdesk, url), status: 'restored' })
    }
    default:
      throw new KitError(
        'MOCKDESK_NO_ROUTE',
        `There is no control endpoint ${route}.`,
        'The control endpoints are GET /__mockdesk/health, GET /__mockdesk/apis, POST /__mockdesk/reset[?seed=N], GET /__mockdesk/requests[?after=N], and GET and POST /__mockdesk/snapshot.',
      )
  }
}
