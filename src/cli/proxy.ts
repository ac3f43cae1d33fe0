/** `mockdesk proxy`: between the app and the real vendor, checking both ways, until Ctrl-C. */
import { parseArgs } from 'node:util'
import { defaultProxyPort, jsonLogger, ProxySetupError, startProxy, textLogger, writeDriftFiles, type ProxyTargetOptions } from '../proxy/index.ts'
import { integerOption, UsageError } from './usage-error.ts'

const usage = `Usage: mockdesk proxy <api> --target <vendor base URL> [options]
       mockdesk proxy --all --target <api>=<vendor base URL> [--target <api>=<url> ...] [options]

Forwards every request to the vendor unchanged and answers with the vendor's response untouched,
checking the request against specs/<api>.yaml before forwarding and the response after.

Options:
  --target <url>          The vendor's (or staging server's) base URL, e.g. https://api.toptickets.app/v1;
                          with --all, <api>=<url>, once per API (each is mounted under /<api>)
  --port <n>              Port to listen on (default ${defaultProxyPort}; 0 picks a free one)
  --host <host>           Interface to bind (default 127.0.0.1)
  --errors                Turn violations into mockdesk errors the app sees (422 request, 502 response)
  --record <dir>          Write each exchange, redacted, as a HAR file under <dir>/<api>/
  --redact <fields>       More field names to mask in recordings and reports (comma-separated, repeatable)
  --keep <fields>         Default masked fields to keep as they are, e.g. name (credentials are always masked)
  --drift <file>          Where the drift report goes on exit (default mockdesk-drift: .json and .txt)
  --allow-http            Allow an http:// target (a local stand-in, a staging server you trust)
  --timeout <ms>          How long the vendor may stay silent (default 30000)
  --max-body-bytes <n>    Largest request body accepted (default 1048576)
  --admin-token <t>       Token every /__mockdesk/* call must carry (X-Mockdesk-Admin-Token); made up and
                          printed when --host is not loopback and none is given
  --log <text|json>       Log format (default text)
  -h, --help              Show this help

Control: GET /__mockdesk/health, GET /__mockdesk/drift[?format=text]; bound to loopback, they
answer only loopback host names, as the server's control plane does.`

const list = (values: string[] | undefined) => (values ?? []).flatMap((value) => value.split(',')).map((v) => v.trim()).filter(Boolean)

export async function proxy(args: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        target: { type: 'string', multiple: true },
        all: { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'string' },
        errors: { type: 'boolean' },
        record: { type: 'string' },
        redact: { type: 'string', multiple: true },
        keep: { type: 'string', multiple: true },
        drift: { type: 'string' },
        'allow-http': { type: 'boolean' },
        timeout: { type: 'string' },
        'max-body-bytes': { type: 'string' },
        'admin-token': { type: 'string' },
        log: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), usage)
  }
  const { values: options, positionals } = parsed
  if (options.help) {
    console.log(usage)
    return 0
  }
  const raw = options.target ?? []
  if (raw.length === 0) throw new UsageError('--target is required: the vendor base URL to forward to.', usage)
  let targets: ProxyTargetOptions[]
  if (options.all) {
    if (positionals.length > 0) throw new UsageError(`--all takes the APIs from --target <api>=<url>; drop "${positionals.join(' ')}".`, usage)
    targets = raw.map((value) => {
      const match = /^([\w.\/-]+)=(.+)$/.exec(value)
      if (!match) throw new UsageError(`With --all, each --target is <api>=<url>, e.g. --target toptickets=https://api.toptickets.app/v1; got "${value}".`, usage)
      return { api: match[1]!, target: match[2]! }
    })
  } else {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'Name the API to proxy, e.g. mockdesk proxy toptickets --target https://api.toptickets.app/v1 (or use --all).' : `One API at a time without --all; got ${positionals.join(', ')}.`, usage)
    if (raw.length > 1) throw new UsageError('One --target for one API; use --all with --target <api>=<url> for several.', usage)
    targets = [{ api: positionals[0]!, target: raw[0]!.replace(new RegExp(`^${positionals[0]}=`), '') }]
  }
  const log = options.log ?? 'text'
  if (log !== 'text' && log !== 'json') throw new UsageError(`--log is text or json, not "${log}".`, usage)
  const token = options['admin-token']
  if (token !== undefined && !/^[\x21-\x7e]{12,}$/.test(token)) {
    throw new UsageError('--admin-token must be at least 12 printable characters with no spaces (or leave it out to get one made up).', usage)
  }
  const port = integerOption(options.port, 'port', usage) ?? defaultProxyPort
  const host = options.host ?? '127.0.0.1'

  const server = await startProxy({
    targets,
    prefixed: options.all ?? false,
    port,
    host,
    errors: options.errors ?? false,
    allowHttp: options['allow-http'] ?? false,
    record: options.record,
    redaction: { fields: list(options.redact), keep: list(options.keep) },
    timeoutMs: integerOption(options.timeout, 'timeout', usage),
    maxBodyBytes: integerOption(options['max-body-bytes'], 'max-body-bytes', usage),
    adminToken: token,
    logger: log === 'json' ? jsonLogger() : textLogger(),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error instanceof ProxySetupError) throw new UsageError(error.message, usage)
    if (error.code === 'EADDRINUSE') throw new Error(`port ${port} on ${host} is already in use. Stop the other server or pass --port <another>.`)
    throw error
  })

  console.log(`mockdesk proxy on ${server.url}${options.errors ? ' (--errors: violations answered as mockdesk errors)' : ''}\n`)
  for (const target of server.targets) console.log(`  ${target.api.padEnd(16)}${server.baseUrls[target.api]}  →  ${target.base.href}`)
  if (options.record) console.log(`\nrecording to ${options.record}/<api>/ (redacted HAR files)`)
  if (server.adminToken !== undefined) {
    // Printed once, here, as the server does: the drift report describes the team's real traffic.
    console.log(`\nadmin token (every /__mockdesk/* call needs -H 'x-mockdesk-admin-token: <token>'):\n  ${server.adminToken}`)
  }
  const stem = (options.drift ?? 'mockdesk-drift').replace(/\.(json|txt)$/, '')
  console.log(`\ndrift: GET ${server.url}/__mockdesk/drift?format=text   (written to ${stem}.json and ${stem}.txt on exit)`)
  console.log('Press Ctrl-C to stop.')

  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await server.close()
  const files = await writeDriftFiles(server.report(), stem)
  console.log(`drift report: ${files.json}, ${files.text}`)
  return 0
}
