/**
 * mockdesk's own endpoints, under `/__mockdesk/` and never under an API prefix:
 * `GET /__mockdesk/health` (what is mounted, the seed, record counts) and
 * `POST /__mockdesk/reset[?seed=N]` (rebuild every store from the seed).
 */
import { KitError } from './kit-error.ts'
import type { Mockdesk } from './mockdesk.ts'

export const controlPrefix = '/__mockdesk'

function describe(mockdesk: Mockdesk, url: URL) {
  return {
    status: 'ok',
    seed: mockdesk.seed,
    apis: mockdesk.apis.map((api) => ({
      id: api.definition.id,
      title: api.definition.document.info.title,
      baseUrl: /^https?:/.test(api.base) ? api.base : url.origin + api.base,
      records: api.definition.counts(api.store),
    })),
  }
}

export async function handleControlRequest(request: Request, url: URL, mockdesk: Mockdesk): Promise<Response> {
  const route = `${request.method} ${url.pathname.slice(controlPrefix.length)}`
  switch (route) {
    case 'GET /health':
      return Response.json(describe(mockdesk, url))
    case 'POST /reset': {
      const raw = url.searchParams.get('seed')
      if (raw !== null && !/^\d+$/.test(raw)) {
        throw new KitError(
          'MOCKDESK_BAD_CONTROL_REQUEST',
          `"${raw}" is not a seed: seeds are non-negative integers.`,
          'Call POST /__mockdesk/reset to reseed with the current seed, or POST /__mockdesk/reset?seed=7 for another.',
        )
      }
      await mockdesk.reset(raw === null ? undefined : Number(raw))
      return Response.json({ ...describe(mockdesk, url), status: 'reset' })
    }
    default:
      throw new KitError(
        'MOCKDESK_NO_ROUTE',
        `There is no control endpoint ${route}.`,
        'The control endpoints are GET /__mockdesk/health and POST /__mockdesk/reset[?seed=N].',
      )
  }
}
