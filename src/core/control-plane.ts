/**
 * mockdesk's own endpoints, under `/__mockdesk/` and never under an API prefix:
 * `GET /__mockdesk/health` (what is mounted, the seed, record counts),
 * `GET /__mockdesk/apis` (the same, with the keys that work and a curl per API),
 * `POST /__mockdesk/reset[?seed=N]` (rebuild every store from the seed),
 * `GET /__mockdesk/requests[?after=N]` (the last requests answered, newest last),
 * `GET /__mockdesk/snapshot` (every store as JSON, to save a demo's state or attach to a bug
 * report) and `POST /__mockdesk/snapshot` (load such a file back).
 */
import { KitError } from './kit-error.ts'
import type { Mockdesk } from './mockdesk.ts'
import type { World } from './world.ts'
import { requestEvents } from './request-events.ts'
import { sampleCurl } from './sample-request.ts'

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
  if (raw !== null && !/^\d+$/.test(raw)) {
    throw new KitError('MOCKDESK_BAD_CONTROL_REQUEST', `"${raw}" is not a valid ${name}: it must be a non-negative integer.`, fix)
  }
  return raw === null ? undefined : Number(raw)
}

export async function handleControlRequest(request: Request, url: URL, mockdesk: Mockdesk): Promise<Response> {
  const route = `${request.method} ${url.pathname.slice(controlPrefix.length)}`
  // Everything below acts on the world the request names: its session's, or the default one.
  const world = mockdesk.worldOf(request)
  switch (route) {
    case 'GET /health':
      return Response.json(describe(mockdesk, url, world))
    case 'GET /apis':
      return Response.json(describeForPeople(mockdesk, url, world))
    case 'POST /reset': {
      const seed = nonNegativeInteger(
        'seed',
        url.searchParams.get('seed'),
        'Call POST /__mockdesk/reset to reseed with the current seed, or POST /__mockdesk/reset?seed=7 for another.',
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
        await world.restore(snapshot)
      } catch (error) {
        throw new KitError('MOCKDESK_BAD_CONTROL_REQUEST', `The snapshot could not be restored: ${error instanceof Error ? error.message : error}. Nothing changed.`, fix)
      }
      return Response.json({ ...describe(mockdesk, url, world), status: 'restored' })
    }
    default:
      throw new KitError(
        'MOCKDESK_NO_ROUTE',
        `There is no control endpoint ${route}.`,
        'The control endpoints are GET /__mockdesk/health, GET /__mockdesk/apis, POST /__mockdesk/reset[?seed=N], GET /__mockdesk/requests[?after=N], and GET and POST /__mockdesk/snapshot.',
      )
  }
}
