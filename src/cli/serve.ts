/** `mockdesk serve`: the standalone HTTP server, until Ctrl-C. */
import { apiIds, type ApiId } from '../apis/load-apis.ts'
import { defaultSeed } from '../core/seeded-faker.ts'
import { resolveConfig, type MockdeskConfig } from '../config/mockdesk-config.ts'
import type { LoggedRequest } from '../core/request-log.ts'
import { defaultHost, defaultPort, startMockServer } from '../node/http-server.ts'
import { defaultConfigFile } from '../node/read-config-file.ts'
import type { Logger } from 'pino'
import type { LogFormat } from '../node/request-logger.ts'
import { sessionAttributes, type SessionAttribute } from '../node/sessions/session-name.ts'
import { defaultSessionLimits } from '../node/sessions/session-registry.ts'
import { durationOption } from './duration-option.ts'
import { integerOption, parseOptions, UsageError } from './usage-error.ts'

// What only some starts use is imported when used: a plain start compiles none of it.
const readConfigFile = async (file: string) => (await import('../node/read-config-file.ts')).readConfigFile(file)

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
  --config <file>   Read ${defaultConfigFile} (APIs, seed, latency, faults, rate limits, logging);
                    options given here win over it
  --watch           Apply changes to the config file without a restart (needs --config)
  --log <format>    Request lines as text (default) or json
  --quiet           No request lines
  --seed-from <dir> Put the records of list responses recorded by "mockdesk proxy --record <dir>" first

Sessions (a request names its own world with an X-Mockdesk-Session header):
  --visitor-sessions    Give each visitor of the sandbox page a world of their own (cookie)
  --session-key api-key Make each API key its own tenant (a world per key)
  --max-sessions <n>    Worlds kept at once, least recently used dropped first (default ${defaultSessionLimits.maxSessions})
  --session-ttl <time>  Drop a world idle this long, e.g. 30m, 24h (default 1h)
  --session-quota <n>   Most records one session may hold, all APIs together (default ${defaultSessionLimits.recordQuota})

Persistence:
  --data-dir <dir>      Keep every world (default and sessions) in <dir> across restarts
  --fsync <always|off>  always (default): each write is on disk before it is answered
  --reset-every <time>  Reset the default world and drop every session this often, e.g. 24h

  -h, --help        Show this help

Every API is served under /<id> plus its documented base path, e.g.
  http://127.0.0.1:${defaultPort}/toptickets/v1/customers
The sandbox page (APIs, keys, curl, a data browser, a request console, the live request log, reset,
snapshots) is at /.
Control: GET /__mockdesk/health, GET /__mockdesk/apis, POST /__mockdesk/reset[?seed=N], GET /__mockdesk/requests[?after=N],
GET and POST /__mockdesk/snapshot, GET and PUT /__mockdesk/behaviour. Calls that change state need
-H 'x-mockdesk-control: 1' (or a JSON content type); bound to loopback, the control plane answers only
loopback host names.`

/** How long after listening the banner starts loading the APIs no request has needed yet. */
const bannerDelayMs = 250

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
      'visitor-sessions': { type: 'boolean' },
      'session-key': { type: 'string' },
      'max-sessions': { type: 'string' },
      'session-ttl': { type: 'string' },
      'session-quota': { type: 'string' },
      'data-dir': { type: 'string' },
      fsync: { type: 'string' },
      'reset-every': { type: 'string' },
      'admin-token': { type: 'string' },
      'request-timeout': { type: 'string' },
      'idle-timeout': { type: 'string' },
      config: { type: 'string' },
      watch: { type: 'boolean' },
      log: { type: 'string' },
      quiet: { type: 'boolean' },
      'seed-from': { type: 'string' },
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
  if (options['session-key'] !== undefined && !sessionAttributes.includes(options['session-key'] as SessionAttribute)) {
    throw new UsageError(`--session-key "${options['session-key']}" is not supported; use one of: ${sessionAttributes.join(', ')}.`, usage)
  }
  if (options.fsync !== undefined && options.fsync !== 'always' && options.fsync !== 'off') {
    throw new UsageError(`--fsync must be "always" or "off", got "${options.fsync}".`, usage)
  }
  if (options.fsync !== undefined && options['data-dir'] === undefined) throw new UsageError('--fsync needs --data-dir.', usage)
  const maxSessions = integerOption(options['max-sessions'], 'max-sessions', usage)
  if (maxSessions === 0) throw new UsageError('--max-sessions must be at least 1.', usage)
  const token = options['admin-token']
  if (token !== undefined && !/^[\x21-\x7e]{12,}$/.test(token)) {
    throw new UsageError('--admin-token must be at least 12 printable characters with no spaces (or leave it out to get one made up).', usage)
  }
  if (options.log !== undefined && options.log !== 'text' && options.log !== 'json') throw new UsageError(`--log must be text or json, got "${options.log}".`, usage)
  if (options.watch && !options.config) throw new UsageError('--watch needs --config <file>: it watches that file.', usage)
  const fromRecording = options['seed-from'] === undefined ? undefined : await import('../proxy/seed-from-recording.ts')
  const recording = fromRecording && (await fromRecording.loadRecording(options['seed-from']!))
  const port = integerOption(options.port, 'port', usage) ?? defaultPort
  const host = options.host ?? defaultHost
  const start = (config: MockdeskConfig | undefined, listenPort: number, adminToken = options['admin-token']) =>
    startMockServer({
      port: listenPort,
      host,
      seed: integerOption(options.seed, 'seed', usage),
      count: integerOption(options.count, 'count', usage),
      maxBodyBytes: integerOption(options['max-body-bytes'], 'max-body-bytes', usage),
      root: options.api as ApiId | undefined,
      sessions: {
        visitorCookie: options['visitor-sessions'] ?? false,
        attribute: options['session-key'] as SessionAttribute | undefined,
        maxSessions,
        idleMs: durationOption(options['session-ttl'], 'session-ttl', usage),
        recordQuota: integerOption(options['session-quota'], 'session-quota', usage),
      },
      dataDir: options['data-dir'],
      fsync: options.fsync !== 'off',
      resetEveryMs: durationOption(options['reset-every'], 'reset-every', usage),
      adminToken,
      limits: { requestMs: integerOption(options['request-timeout'], 'request-timeout', usage), idleMs: integerOption(options['idle-timeout'], 'idle-timeout', usage) },
      config,
      // Listening before the APIs are loaded: the first request loads only its own API.
      onDemand: true,
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') throw new Error(`port ${listenPort} on ${host} is already in use. Stop the other server or pass --port <another>.`)
      throw error
    })
  let config = options.config ? await readConfigFile(options.config) : undefined
  let server = await start(config, port)
  // Ctrl-C stops the server cleanly from the moment it listens, the banner printed or not.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  const logging = () => ({ format: (options.log ?? config?.logging?.format ?? 'text') as LogFormat, quiet: options.quiet ?? config?.logging?.quiet ?? false })
  // Request lines wait for the whole banner (which waits for every API to load), so that it is
  // printed in one piece: the requests answered meanwhile are logged right after it.
  const early: LoggedRequest[] = []
  const stopEarly = logging().quiet ? () => {} : server.mockdesk.allRequests.subscribe((entry) => early.push(entry))

  if (fromRecording && recording) {
    await server.mockdesk.ready()
    for (const s of await fromRecording.seedFromRecording(server.mockdesk, recording)) console.log(`seeded ${s.api} ${s.collection} with ${s.records} recorded records${s.skipped ? ` (${s.skipped} did not fit the spec)` : ''}`)
  }
  let logger!: Logger
  let stopLogging = () => {}
  let printed!: () => void
  const bannerPrinted = new Promise<void>((resolve) => (printed = resolve))
  // Watching from before "serving on", so that no change made after it is missed; a change is
  // applied once the banner is out (and the logger that reports it made).
  const stopWatching = options.watch
    ? (await import('../node/watch-config.ts')).watchConfigFile(
        options.config!,
        async (next) => {
          await bannerPrinted
          const { createLogger, logRequests } = await import('../node/request-logger.ts')
          const before = resolveConfig(config ?? {})
          const after = resolveConfig(next)
          config = next
          stopLogging()
          logger = createLogger(logging().format)
          // The data depends on the APIs, seed and count: when those change, the stores are rebuilt.
          const reseed = (['apis', 'seed', 'count', 'maxBodyBytes'] as const).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
          if (reseed.length > 0) {
            const address = new URL(server.url)
            await server.close()
            // The same admin token as before, so the sandbox page and scripts keep working.
            server = await start(next, Number(address.port), server.adminToken)
            logger.info(`${options.config} changed (${reseed.join(', ')}): restarted and reseeded (seed ${server.mockdesk.seed})`)
          } else {
            await server.mockdesk.ready()
            server.mockdesk.behave(after.behaviour)
            logger.info(`${options.config} changed: behaviour applied, data kept`)
          }
          stopLogging = logging().quiet ? () => {} : logRequests(server.mockdesk.allRequests, logger)
        },
        (error) => void bannerPrinted.then(() => logger.error(`${options.config} not applied, the server keeps the last good config: ${error instanceof Error ? error.message : error}`)),
      )
    : () => {}

  // Printed as soon as the server listens; the APIs' lines need their data, loaded after. That
  // loading starts a moment later, so that a request sent as soon as the server listens (a test
  // runner's, a script's) loads only its own API and does not queue behind the others; a request
  // arriving during it waits for one step at most (see Mockdesk.ready).
  console.log(`mockdesk serving on ${server.url} (seed ${server.mockdesk.seed})\n`)
  const loaded = new Promise((resolve) => setTimeout(resolve, bannerDelayMs)).then(() => server.mockdesk.ready())
  // An API that fails to load (a broken build) stops the server, as it did before it listened;
  // Ctrl-C before the banner stops it at once, without waiting for the APIs.
  const stoppedFirst = await Promise.race([loaded.then(() => false), stopped.then(() => true)]).catch(async (error) => {
    stopWatching()
    await server.close()
    throw error
  })
  if (stoppedFirst) {
    stopWatching()
    stopEarly()
    await server.close()
    // What is still loading is of no use now.
    process.exit(0)
  }
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
  if (options['data-dir']) console.log(`data dir: ${options['data-dir']} (every world kept across restarts; fsync ${options.fsync ?? 'always'})`)
  console.log('Press Ctrl-C to stop.')

  // pino and its pretty printer load after the banner: the first requests are answered meanwhile.
  const { createLogger, logRequests } = await import('../node/request-logger.ts')
  logger = createLogger(logging().format)
  stopEarly()
  const replaying = { subscribe: (listener: (entry: LoggedRequest) => void) => (early.splice(0).forEach(listener), server.mockdesk.allRequests.subscribe(listener)) }
  stopLogging = logging().quiet ? () => {} : logRequests(replaying, logger)
  printed()

  await stopped
  stopWatching()
  stopLogging()
  await server.close()
  return 0
}
