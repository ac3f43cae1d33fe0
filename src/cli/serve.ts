/** `mockdesk serve`: the standalone HTTP server, until Ctrl-C. */
import { apiIds, type ApiId } from '../apis/select-apis.ts'
import { defaultSeed } from '../core/seeded-faker.ts'
import { defaultHost, defaultPort, startMockServer } from '../node/http-server.ts'
import { integerOption, parseOptions, UsageError } from './usage-error.ts'

const usage = `Usage: mockdesk serve [options]

Options:
  --port <n>        Port to listen on (default ${defaultPort}; 0 picks a free one)
  --host <host>     Interface to bind (default ${defaultHost})
  --seed <n>        Seed for the fake data (default ${defaultSeed}); the same seed gives the same data
  --count <n>       Primary records per API (default: each API's own, e.g. 150 TopTickets customers)
  --api <id>        Serve only this API, at the root (e.g. /v1/customers); one of: ${apiIds.join(', ')}
  --max-body-bytes <n>  Largest request body accepted, snapshots included (default 1048576)
  --request-timeout <ms>  Time to receive a whole request, slow bodies included (default 30000)
  --idle-timeout <ms>  Close a connection with no traffic for this long (default 30000)
  --admin-token <t>  Token every /__mockdesk/* call must carry (X-Mockdesk-Admin-Token); made up and
                    printed when --host is not loopback and none is given
  -h, --help        Show this help

Every API is served under /<id> plus its documented base path, e.g.
  http://127.0.0.1:${defaultPort}/toptickets/v1/customers
The sandbox page (APIs, keys, curl, record counts, live request log, reset) is at /.
Control: GET /__mockdesk/health, GET /__mockdesk/apis, POST /__mockdesk/reset[?seed=N], GET /__mockdesk/requests[?after=N],
GET and POST /__mockdesk/snapshot. Calls that change state need -H 'x-mockdesk-control: 1' (or a JSON
content type); bound to loopback, the control plane answers only loopback host names.`

export async function serve(args: string[]): Promise<number> {
  const options = parseOptions(
    args,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      count: { type: 'string' },
      api: { type: 'string' },
      'max-body-bytes': { type: 'string' },
      'admin-token': { type: 'string' },
      'request-timeout': { type: 'string' },
      'idle-timeout': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    usage,
  )
  if (options.help) {
    console.log(usage)
    return 0
  }
  if (options.api !== undefined && !apiIds.includes(options.api as ApiId)) {
    throw new UsageError(`--api "${options.api}" is not a mockdesk API; use one of: ${apiIds.join(', ')}.`, usage)
  }
  const token = options['admin-token']
  if (token !== undefined && !/^[\x21-\x7e]{12,}$/.test(token)) {
    throw new UsageError('--admin-token must be at least 12 printable characters with no spaces (or leave it out to get one made up).', usage)
  }
  const port = integerOption(options.port, 'port', usage) ?? defaultPort
  const host = options.host ?? defaultHost
  const server = await startMockServer({
    port,
    host,
    seed: integerOption(options.seed, 'seed', usage),
    count: integerOption(options.count, 'count', usage),
    maxBodyBytes: integerOption(options['max-body-bytes'], 'max-body-bytes', usage),
    root: options.api as ApiId | undefined,
    adminToken: options['admin-token'],
    limits: { requestMs: integerOption(options['request-timeout'], 'request-timeout', usage), idleMs: integerOption(options['idle-timeout'], 'idle-timeout', usage) },
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new Error(`port ${port} on ${host} is already in use. Stop the other server or pass --port <another>.`)
    throw error
  })

  console.log(`mockdesk serving on ${server.url} (seed ${server.mockdesk.seed})\n`)
  for (const api of server.mockdesk.apis) {
    const counts = Object.entries(api.definition.counts(api.store)).map(([name, n]) => `${n} ${name}`).join(', ')
    console.log(`  ${api.definition.id.padEnd(16)}${server.baseUrls[api.definition.id]}  (${counts})`)
    console.log(`  ${''.padEnd(16)}key: ${api.definition.keys[0]?.key ?? '(none needed)'}`)
  }
  console.log(`\nsandbox page: ${server.url}/\nhealth: ${server.url}/__mockdesk/health   reset: curl -X POST -H 'x-mockdesk-control: 1' ${server.url}/__mockdesk/reset`)
  if (server.adminToken !== undefined) {
    // Printed once, here: the control plane reaches every key and record, so it is not logged again.
    console.log(`admin token (every /__mockdesk/* call needs -H 'x-mockdesk-admin-token: <token>'; the sandbox page asks for it):\n  ${server.adminToken}`)
  }
  console.log('Press Ctrl-C to stop.')

  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await server.close()
  return 0
}
