/**
 * `npm run bench`: throughput and latency of the mockdesk HTTP server against a plain node:http
 * baseline serving the same records, at 1,000 and 100,000 seeded records; start-up time; seeding
 * time and memory up to 1,000,000 customers; and the wall time of a full contract run. Server and
 * load generator run in separate processes (separate cores on a 2-core machine). Prints a table
 * and writes JSON (`--json <file>`, default .bench/latest.json) to compare runs over time.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { apiIds, selectApis } from '../apis/select-apis.ts'
import { runContract } from '../contract/index.ts'
import { authFor } from '../contract/credentials.ts'
import { loadSpec } from '../contract/spec.ts'

const { values: options } = parseArgs({
  options: {
    duration: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    sizes: { type: 'string', default: '1000,100000' },
    'memory-sizes': { type: 'string', default: '1000,100000,1000000' },
    json: { type: 'string', default: '.bench/latest.json' },
  },
})
const benchStarted = performance.now()
const elapsed = () => `${((performance.now() - benchStarted) / 1000).toFixed(0)} s`
const duration = Number(options.duration)
const connections = Number(options.connections)
const sizes = options.sizes.split(',').map(Number)
const memorySizes = options['memory-sizes'].split(',').map(Number)
const keyOf = (id: string) => selectApis([id])[0]!.keys[0]!.key
const ttKey = keyOf('toptickets')
const johnDoe = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'

interface Server {
  url: string
  child: ChildProcess
  startMs: number
}

/** Starts a server process and resolves once it prints "serving on <url>". */
function startServer(args: string[], nodeOptions: string[] = []): Promise<Server> {
  const started = performance.now()
  const child = spawn(process.execPath, [...nodeOptions, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let output = ''
    child.stdout!.on('data', (chunk) => {
      output += chunk
      const match = /serving on (http:\/\/[\d.:]+)/.exec(output)
      if (match) resolve({ url: match[1]!, child, startMs: performance.now() - started })
    })
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}) before serving:\n${output}`)))
  })
}

const stop = (server: Server) =>
  new Promise<void>((resolve) => {
    server.child.removeAllListeners('exit')
    server.child.once('exit', () => resolve())
    server.child.kill('SIGTERM')
  })

interface Load {
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
}

async function load(url: string, init: { method?: string; headers?: Record<string, string>; body?: () => string } = {}): Promise<Load> {
  const run = (seconds: number) =>
    autocannon({
      url,
      connections,
      duration: seconds,
      method: (init.method ?? 'GET') as 'GET',
      headers: { ...init.headers, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      // A fresh body per request, so creates do not collide on the unique email.
      requests: init.body ? [{ setupRequest: (request: any) => ({ ...request, body: init.body!() }) }] : undefined,
    })
  await run(1) // warm-up: JIT, connections
  const result = await run(duration)
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx }
}

const bearer = { authorization: `Bearer ${ttKey}` }
let created = 0
const createBody = () => JSON.stringify({ name: 'Bench Mark', email: `bench.${process.pid}.${++created}@example.com` })

/** The first list operation of every other API, with its credentials. */
async function otherLists(baseUrl: string) {
  const lists = []
  for (const id of apiIds.filter((id) => id !== 'toptickets')) {
    const spec = await loadSpec(id)
    const operation = spec.operations.find((op) => op.method === 'GET' && op.pagination && !op.parameters.some((p) => p.in === 'path'))
    if (!operation) continue
    const key = keyOf(id)
    const auth = authFor(operation, spec.securitySchemes, { token: key, apiKey: key, basic: `${key}:` })
    const query = new URLSearchParams(auth?.query ?? {})
    const base = `${baseUrl}/${id}${new URL(spec.servers[0]!.replace(/\{(\w+)\}/g, 'x')).pathname.replace(/\/$/, '')}`
    lists.push({ name: `${id} list`, url: `${base}${operation.path}${query.size ? `?${query}` : ''}`, headers: auth?.headers ?? {} })
  }
  return lists
}

const rows: Array<{ scenario: string; records: number; mockdesk: Load; baseline?: Load; ratio?: number }> = []

for (const records of sizes) {
  const mock = await startServer(['src/cli/mockdesk.js', 'serve', '--port', '0', '--count', String(records)], ['--max-old-space-size=8192'])
  const base = await startServer(['--import', 'tsx', 'src/bench/baseline-server.ts', String(records)], ['--max-old-space-size=8192'])
  const scenarios = [
    { name: 'toptickets list (limit=50)', path: '/toptickets/v1/customers?limit=50' },
    { name: 'toptickets get by id', path: `/toptickets/v1/customers/${johnDoe}` },
    { name: 'toptickets create', path: '/toptickets/v1/customers', method: 'POST', body: createBody },
  ]
  for (const scenario of scenarios) {
    const init = { method: scenario.method, headers: bearer, body: scenario.body }
    const mockdesk = await load(mock.url + scenario.path, init)
    const baseline = await load(base.url + scenario.path, init)
    rows.push({ scenario: scenario.name, records, mockdesk, baseline, ratio: mockdesk.rps / baseline.rps })
    console.error(`· ${scenario.name} @ ${records}: ${mockdesk.rps} vs ${baseline.rps} req/s (${elapsed()})`)
  }
  for (const list of await otherLists(mock.url)) {
    const mockdesk = await load(list.url, { headers: list.headers })
    rows.push({ scenario: list.name, records, mockdesk })
    console.error(`· ${list.name} @ ${records}: ${mockdesk.rps} req/s`)
  }
  await Promise.all([stop(mock), stop(base)])
}

// Start-up with the default data: process spawn to the first 200 from an API.
const startupRuns: number[] = []
for (let i = 0; i < 3; i++) {
  const started = performance.now()
  const server = await startServer(['src/cli/mockdesk.js', 'serve', '--port', '0'])
  for (;;) {
    const response = await fetch(`${server.url}/toptickets/v1/customers?limit=1`, { headers: bearer }).catch(() => undefined)
    if (response?.status === 200) break
  }
  startupRuns.push(performance.now() - started)
  if (i < 2) await stop(server)
  else {
    // The same server then takes a full contract run of every API.
    const contractStarted = performance.now()
    const results = []
    for (const id of apiIds) {
      const key = keyOf(id)
      const spec = await loadSpec(id)
      const basePath = new URL(spec.servers[0]!.replace(/\{(\w+)\}/g, 'x')).pathname.replace(/\/$/, '')
      const report = await runContract({ api: id, baseUrl: `${server.url}/${id}${basePath}`, credentials: { token: key, apiKey: key, basic: `${key}:` } })
      results.push({ api: id, requests: report.requests, failed: report.summary.failed, ms: report.durationMs })
    }
    const contractMs = performance.now() - contractStarted
    Object.assign(globalThis, { contract: { ms: Math.round(contractMs), results } })
    await stop(server)
  }
}

const seeding: Array<{ count: number; ms: number; rssMb: number; heapMb: number }> = []
for (const count of memorySizes) {
  const child = spawn(process.execPath, ['--max-old-space-size=16384', '--expose-gc', '--import', 'tsx', 'src/bench/seed-probe.ts', String(count)], { stdio: ['ignore', 'pipe', 'inherit'] })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  await new Promise((resolve) => child.on('exit', resolve))
  seeding.push(JSON.parse(output))
  console.error(`· seeded ${count}: ${seeding.at(-1)!.ms} ms, ${seeding.at(-1)!.rssMb} MB (${elapsed()})`)
}

// In process: what a world costs (reset, a new session, a second setupMockdesk, 1,000 worlds).
const worldsProbe = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'src/bench/world-probe.ts'], { stdio: ['ignore', 'pipe', 'inherit'] })
let worldsOutput = ''
worldsProbe.stdout.on('data', (chunk) => (worldsOutput += chunk))
await new Promise((resolve) => worldsProbe.on('exit', resolve))
const worlds = JSON.parse(worldsOutput) as Record<string, number>

const contract = (globalThis as unknown as { contract: { ms: number; results: unknown[] } }).contract
const startupMs = Math.round(startupRuns.sort((a, b) => a - b)[1]!)
const pad = (text: string | number, width: number) => String(text).padStart(width)
console.log(`\nmockdesk vs baseline (plain node:http serializing the same records), ${connections} connections, ${duration} s per run\n`)
console.log(`${'scenario'.padEnd(30)}${pad('records', 9)}${pad('req/s', 9)}${pad('p50', 6)}${pad('p99', 6)}${pad('base r/s', 10)}${pad('p50', 6)}${pad('p99', 6)}${pad('ratio', 8)}`)
for (const row of rows) {
  console.log(
    `${row.scenario.padEnd(30)}${pad(row.records, 9)}${pad(row.mockdesk.rps, 9)}${pad(row.mockdesk.p50, 6)}${pad(row.mockdesk.p99, 6)}` +
      (row.baseline ? `${pad(row.baseline.rps, 10)}${pad(row.baseline.p50, 6)}${pad(row.baseline.p99, 6)}${pad(row.ratio!.toFixed(2), 8)}` : ''),
  )
}
console.log(`\nstart-up to the first 200 (default data, median of 3): ${startupMs} ms`)
for (const s of seeding) console.log(`seeding ${pad(s.count, 9)} customers: ${pad(s.ms, 7)} ms, RSS ${pad(s.rssMb, 6)} MB, heap ${pad(s.heapMb, 6)} MB`)
console.log(`contract suite, every API against the local server: ${contract.ms} ms`)
console.log(
  `worlds (in process, every API, default data, ${worlds.records} records): reset ${worlds.resetMs} ms, new session world ${worlds.newWorldMs} ms, ` +
    `another setupMockdesk ${worlds.setupMockdeskMs} ms (medians; the first mockdesk, seeding the images: ${worlds.firstMockdeskMs} ms); ` +
    `1,000 worlds: ${worlds.untouchedMb} MB untouched, ${worlds.oneCreateMb} MB after one create each`,
)

const result = { date: new Date().toISOString(), node: process.version, connections, durationSeconds: duration, rows, startupMs, seeding, contract, worlds }
await mkdir(path.dirname(options.json), { recursive: true })
await writeFile(options.json, `${JSON.stringify(result, null, 2)}\n`)
console.log(`\nJSON: ${options.json} · the whole run took ${elapsed()}`)
