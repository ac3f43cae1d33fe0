/**
 * mockdesk's own endpoints, under `/__mockdesk/` and never under an API prefix:
 * `GET /__mockdesk/health` (what is mounted, the seed, record counts),
 * `GET /__mockdesk/apis` (the same, with the keys that work and a curl per API),
 * `POST /__mockdesk/reset[?seed=N]` (rebuild every store from the seed),
 * `GET /__mockdesk/requests[?after=N]` (the last requests answered, newest last),
 * `GET /__mockdesk/snapshot` (every store as JSON, to save a demo's state or attach to a bug
 * report) and `POST /__mockdesk/snapshot` (load such a file back),
 * `GET /__mockdesk/behaviour` (latency, faults, rate limits in force) and
 * `PUT /__mockdesk/behaviour` (replace them; a JSON body, sent as application/json).
 */
import { KitError } from './kit-error.ts'
import type { Mockdesk } from './mockdesk.ts'
import { sampleCurl } from './sample-request.ts'

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
  if (raw !== null && !/^\d+$/.test(raw)) {
    throw new KitError('MOCKDESK_BAD_CONTROL_REQUEST', `"${raw}" is not a valid ${name}: it must be a non-negative integer.`, fix)
  }
  return raw === null ? undefined : Number(raw)
}

export async function handleControlRequest(request: Request, url: URL, mockdesk: Mockdesk): Promise<Response> {
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
        'Call POST /__mockdesk/reset to reseed with the current seed, or POST /__mockdesk/reset?seed=7 for another.',
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
      const fix = 'Send back, unchanged, a body that GET /__mockdesk/snapshot gave, from a server with the same APIs mounted.'
      let snapshot: Parameters<Mockdesk['restore']>[0]
      try {
        snapshot = await request.json()
      } catch {
        throw new KitError('MOCKDESK_BAD_CONTROL_REQUEST', 'The snapshot is not valid JSON.', fix)
      }
      if (!snapshot || typeof snapshot !== 'object' || typeof snapshot.seed !== 'number' || typeof snapshot.stores !== 'object') {
        throw new KitError('MOCKDESK_BAD_CONTROL_REQUEST', 'The body is not a mockdesk snapshot (it needs "seed" and "stores").', fix)
      }
      try {
        await mockdesk.restore(snapshot)
      } catch (error) {
        throw new KitError('MOCKDESK_BAD_CONTROL_REQUEST', `The snapshot could not be restored: ${error instanceof Error ? error.message : error}. Nothing changed.`, fix)
      }
      return Response.json({ ...describe(mockdesk, url), status: 'restored' })
    }
    case 'GET /behaviour':
      return Response.json({ behaviour: mockdesk.behaviour.settings })
    case 'PUT /behaviour': {
      const fix = 'PUT a JSON object with Content-Type: application/json, e.g. {"latency": "200-800", "faults": {"reset": "5%"}}; {} answers instantly again.'
      // A JSON content type makes this a non-simple request, which a foreign page cannot send.
      if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? '')) {
        throw new KitError('MOCKDESK_BAD_CONTROL_REQUEST', 'PUT /__mockdesk/behaviour takes a JSON body sent as application/json.', fix)
      }
      let settings: unknown
      try {
        settings = JSON.parse(await request.text())
      } catch {
        throw new KitError('MOCKDESK_BAD_CONTROL_REQUEST', 'The behaviour settings are not valid JSON.', fix)
      }
      mockdesk.behave(settings as Parameters<Mockdesk['behave']>[0])
      return Response.json({ status: 'changed', behaviour: mockdesk.behaviour.settings })
    }
    default:
      throw new KitError(
        'MOCKDESK_NO_ROUTE',
        `There is no control endpoint ${route}.`,
        'The control endpoints are GET /__mockdesk/health, GET /__mockdesk/apis, POST /__mockdesk/reset[?seed=N], GET /__mockdesk/requests[?after=N], GET and POST /__mockdesk/snapshot, and GET and PUT /__mockdesk/behaviour.',
      )
  }
}
