/**
 * mockdesk's own endpoints, under `/__mockdesk/` and never under an API prefix:
 * `GET /__mockdesk/health` (what is mounted, the seed, record counts),
 * `GET /__mockdesk/apis` (the same, with the keys that work and a curl per API),
 * `POST /__mockdesk/reset[?seed=N]` (rebuild every store from the seed),
 * `GET /__mockdesk/requests[?after=N]` (the last requests answered, newest last),
 * `GET /__mockdesk/snapshot` (every store as JSON, to save a demo's state or attach to a bug
 * report) and `POST /__mockdesk/snapshot` (load such a file back),
 * `GET /__mockdesk/behaviour` (latency, faults, rate limits in force) and
 * `PUT /__mockdesk/behaviour` (replace them; a JSON body, sent as application/json);
 * for the sandbox page's tools, `GET /__mockdesk/data...` (the data browser, data-browser.ts),
 * `GET /__mockdesk/requests/<seq>` (one logged request with its headers and bodies) and
 * `GET /__mockdesk/openapi/<api>` (the request console's spec, console-document.ts).
 */
import secureJson from 'secure-json-parse'
import { checkControlAccess, type ControlAccess } from './control-access.ts'
import { consoleDocument, openapiPrefix } from './console-document.ts'
import { browseData, dataPrefix } from './data-browser.ts'
import { KitError } from './kit-error.ts'
import type { Mockdesk, MockdeskSnapshot } from './mockdesk.ts'
import { defaultMaxBodyBytes, excessiveNesting, maxJsonDepth, readBodyBytes } from './request-body.ts'
import { requestEvents } from './request-events.ts'
import type { World } from './world.ts'
import { sampleCurl } from './sample-request.ts'

export interface ControlPlaneOptions extends ControlAccess {
  /** The largest snapshot accepted: the same limit as any request body. */
  maxBodyBytes?: number
}

export const controlPrefix = '/__mockdesk'

const baseUrlOf = (base: string, url: URL) => (/^https?:/.test(base) ? base : url.origin + base)

/** Health of the world the request names (the default one without a session). */
function describe(mockdesk: Mockdesk, url: URL, world: World = mockdesk.world) {
  return {
    status: 'ok',
    seed: world.seed,
    ...(world === mockdesk.world ? {} : { session: world.name }),
    apis: mockdesk.apis.map((api, index) => ({
      id: api.definition.id,
      title: api.definition.document.info.title,
      baseUrl: baseUrlOf(api.base, url),
      records: api.definition.counts(world.storeAt(index)),
    })),
  }
}

/** What a person needs to try each API (the sandbox page shows it): health plus keys and a curl. */
function describeForPeople(mockdesk: Mockdesk, url: URL, world: World) {
  const health = describe(mockdesk, url, world)
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
  // Everything below acts on the world the request names: its session's, or the default one.
  const world = mockdesk.worldOf(request)
  const path = url.pathname.slice(controlPrefix.length)
  if (request.method === 'GET' && (path === dataPrefix || path.startsWith(`${dataPrefix}/`))) return browseData(world, path, url)
  if (request.method === 'GET' && path.startsWith(openapiPrefix)) {
    return consoleDocument(world.definitions, path.slice(openapiPrefix.length), (api) => baseUrlOf(mockdesk.apis.find((mounted) => mounted.definition === api)!.base, url))
  }
  const logged = /^\/requests\/(\d{1,16})$/.exec(path)
  if (request.method === 'GET' && logged) return loggedRequest(world, Number(logged[1]))
  switch (route) {
    case 'GET /health':
      return Response.json(describe(mockdesk, url, world))
    case 'GET /apis':
      return Response.json(describeForPeople(mockdesk, url, world))
    case 'POST /reset': {
      const seed = nonNegativeInteger(
        'seed',
        url.searchParams.get('seed'),
        "Call POST /__mockdesk/reset to reseed with the current seed, or POST /__mockdesk/reset?seed=7 for another (with an x-mockdesk-control header, e.g. curl -X POST -H 'x-mockdesk-control: 1' ...).",
      )
      await world.reset(seed)
      return Response.json({ ...describe(mockdesk, url, world), status: 'reset' })
    }
    case 'GET /requests': {
      const after = nonNegativeInteger('"after" value', url.searchParams.get('after'), 'Pass the "seq" of the newest entry you have, e.g. ?after=12, or leave it out for all kept entries.')
      return Response.json({ last: world.requests.last, size: world.requests.size, requests: world.requests.since(after) })
    }
    case 'GET /requests/events': {
      const after = nonNegativeInteger('"after" value', url.searchParams.get('after'), 'Pass the "seq" of the newest entry you have, e.g. ?after=12, or leave it out for all kept entries.')
      return requestEvents(request, world.requests, after ?? 0)
    }
    case 'GET /snapshot':
      return Response.json(world.snapshot(), { headers: { 'content-disposition': 'attachment; filename="mockdesk-snapshot.json"' } })
    case 'POST /snapshot': {
      const snapshot = await readSnapshot(request, options.maxBodyBytes ?? defaultMaxBodyBytes)
      try {
        await world.restore(snapshot)
      } catch (error) {
        // restore() builds fresh stores and swaps them in only when all of them took the snapshot.
        throw refuse(`The snapshot was refused: ${error instanceof Error ? error.message : String(error)}.`)
      }
      return Response.json({ ...describe(mockdesk, url, world), status: 'restored' })
    }
    case 'GET /behaviour':
      return Response.json({ behaviour: mockdesk.behaviour.settings })
    case 'PUT /behaviour': {
      const fix = 'PUT a JSON object with Content-Type: application/json, e.g. {"latency": "200-800", "faults": {"reset": "5%"}}; {} answers instantly again.'
      // A JSON content type makes this a non-simple request, which a foreign page cannot send.
      if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? '')) {
        throw new KitError('MOCKDESK_BAD_CONTROL_REQUEST', 'PUT /__mockdesk/behaviour takes a JSON body sent as application/json.', fix)
      }
      // Bounded and parsed like a snapshot: no body beyond the limit, no prototype keys.
      const text = new TextDecoder().decode(await readBodyBytes(request, options.maxBodyBytes ?? defaultMaxBodyBytes))
      let settings: unknown
      try {
        if (excessiveNesting(text) !== -1) throw new Error('too deep')
        settings = secureJson.parse(text, null, { protoAction: 'error', constructorAction: 'error' })
      } catch {
        throw new KitError('MOCKDESK_BAD_CONTROL_REQUEST', 'The behaviour settings are not valid JSON (or nest too deep, or carry a "__proto__" key).', fix)
      }
      mockdesk.behave(settings as Parameters<Mockdesk['behave']>[0])
      return Response.json({ status: 'changed', behaviour: mockdesk.behaviour.settings })
    }
    default:
      throw new KitError(
        'MOCKDESK_NO_ROUTE',
        `There is no control endpoint ${route}.`,
        'The control endpoints are GET /__mockdesk/health, GET /__mockdesk/apis, POST /__mockdesk/reset[?seed=N], GET /__mockdesk/requests[?after=N], GET /__mockdesk/requests/<seq>, GET and POST /__mockdesk/snapshot, GET and PUT /__mockdesk/behaviour, GET /__mockdesk/data[/<api>/<collection>[/<id>]] and GET /__mockdesk/openapi/<api>.',
      )
  }
}

/** One entry of the world's request log with its exchange (headers and bodies) when it was kept. */
function loggedRequest(world: World, seq: number): Response {
  const entry = world.requests.entry(seq)
  if (!entry) {
    throw new KitError(
      'MOCKDESK_NO_ROUTE',
      `The request log of this world holds no request ${seq}.`,
      `It keeps the last ${world.requests.size} requests; GET /__mockdesk/requests lists them with their "seq".`,
    )
  }
  return Response.json(entry)
}
