/**
 * `mockdesk serve --config`, spawned as a user would: a config with a typo fails at start naming
 * the key; a good one is applied; each request prints one line (text or JSON, none with
 * --quiet); --watch applies an edited config without a restart, keeping the data.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { bin, startCli } from '../support/cli-process.ts'

const dir = mkdtempSync(path.join(tmpdir(), 'mockdesk-config-'))
const key = { Authorization: 'Bearer tt_admin_9f3k2m7x4q8w1e6r5t0y3u2i9o8p7a6s' }
const children: ChildProcessWithoutNullStreams[] = []
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM')
})

function writeConfig(name: string, config: unknown): string {
  const file = path.join(dir, name)
  writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config, null, 2))
  return file
}

/** Starts serve; resolves with its URL and a live view of its output once it is listening. */
const serve = (...args: string[]) => startCli(['serve', '--port', '0', ...args], children)

const until = async (condition: () => boolean, what: string) => {
  for (let waited = 0; !condition(); waited += 50) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

it('refuses a config with a typo at start, naming the key and the path of each bad value', async () => {
  const file = writeConfig('typo.json', { apis: ['toptickets'], lantency: 200, faults: { reset: 2 } })
  const child = spawn('node', [bin, 'serve', '--port', '0', '--config', file])
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(1)
  expect(stderr).toContain('lantency: unknown key (did you mean "latency"?)')
  expect(stderr).toContain('faults.reset: 2 is not valid here')
})

it('refuses a config file that is not JSON, with the line and column', async () => {
  const file = writeConfig('broken.json', '{\n  "seed": 1,\n}')
  const child = spawn('node', [bin, 'serve', '--port', '0', '--config', file])
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(1)
  expect(stderr).toMatch(/is not valid JSON: .* at line 3, column 1/)
})

it('applies the config and prints one text line per request, with the delay and fault', async () => {
  const file = writeConfig('good.json', { apis: ['toptickets'], seed: 5, latency: 25 })
  const { url, output } = await serve('--config', file)
  expect((await (await fetch(`${url}/__mockdesk/health`)).json()).seed).toBe(5)
  await fetch(`${url}/toptickets/v1/customers?limit=1`, { headers: key })
  await fetch(`${url}/toptickets/v1/customers?limit=1`, { headers: { ...key, prefer: 'fault=reset' } }).catch(() => undefined)
  await until(() => output.stdout.includes('fault reset'), 'the second request line')
  expect(output.stdout).toMatch(/\d\d:\d\d:\d\d\.\d{3}\]: GET +\/toptickets\/v1\/customers\?limit=1 200 \d+ms delay 25ms/)
  expect(output.stdout).toMatch(/GET +\/toptickets\/v1\/customers\?limit=1 --- \d+ms delay 25ms fault reset/)
})

it('reads a .mjs config (its default export) as well', async () => {
  const file = writeConfig('mockdesk.config.mjs', `export default ${JSON.stringify({ apis: ['tomticket'], seed: 8 })}\n`)
  const { url } = await serve('--config', file, '--quiet')
  const health = await (await fetch(`${url}/__mockdesk/health`)).json()
  expect(health).toMatchObject({ seed: 8, apis: [{ id: 'tomticket' }] })
})

it('--log json prints one JSON object per request; --quiet prints none', async () => {
  const json = await serve('--api', 'toptickets', '--log', 'json')
  await fetch(`${json.url}/v1/customers?limit=1`, { headers: { ...key, prefer: 'delay=10' } })
  await until(() => json.output.stdout.includes('"kind":"request"'), 'the request line')
  const line = json.output.stdout.split('\n').find((candidate) => candidate.includes('"kind":"request"'))!
  expect(JSON.parse(line)).toMatchObject({ kind: 'request', method: 'GET', path: '/v1/customers?limit=1', status: 200, delay: 10, api: 'toptickets' })

  const quiet = await serve('--api', 'toptickets', '--quiet')
  await fetch(`${quiet.url}/v1/customers?limit=1`, { headers: key })
  const { requests } = await (await fetch(`${quiet.url}/__mockdesk/requests`)).json()
  expect(requests).toHaveLength(1) // answered and recorded, but not printed
  expect(quiet.output.stdout).not.toContain('/v1/customers')
})

it('--watch applies an edited config without a restart: behaviour changes keep the data, a new seed reseeds', async () => {
  const file = writeConfig('watched.json', { apis: ['toptickets'] })
  const { url, output } = await serve('--config', file, '--watch')
  const created = await fetch(`${url}/toptickets/v1/customers`, {
    method: 'POST',
    headers: { ...key, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Ada Lovelace', email: 'ada@example.com' }),
  })
  const { id } = await created.json()

  writeConfig('watched.json', { apis: ['toptickets'], faults: { malformed: 1 } })
  await until(() => output.stdout.includes('behaviour applied, data kept'), 'the behaviour change')
  const malformed = await (await fetch(`${url}/toptickets/v1/customers/${id}`, { headers: key })).text()
  expect(() => JSON.parse(malformed)).toThrow()

  writeConfig('watched.json', { apis: ['toptickets'], lantency: 5 })
  await until(() => output.stdout.includes('not applied'), 'the refusal')
  expect(output.stdout).toContain('lantency: unknown key')

  writeConfig('watched.json', { apis: ['toptickets'], seed: 9 })
  await until(() => output.stdout.includes('restarted and reseeded (seed 9)'), 'the reseed')
  expect((await (await fetch(`${url}/__mockdesk/health`)).json()).seed).toBe(9)
  expect((await fetch(`${url}/toptickets/v1/customers/${id}`, { headers: key })).status).toBe(404)
}, 30_000)

it('prints every world’s request lines, each session’s labelled, the default world’s as before', async () => {
  const { url, output } = await serve('--api', 'toptickets', '--count', '3')
  await fetch(`${url}/v1/customers?limit=1`, { headers: key })
  await fetch(`${url}/v1/customers?limit=2`, { headers: { ...key, 'x-mockdesk-session': 'worker-7' } })
  await until(() => output.stdout.includes('limit=2'), 'the session’s request line')
  const lines = output.stdout.split('\n')
  expect(lines.find((line) => line.includes('limit=1'))).toMatch(/GET +\/v1\/customers\?limit=1 200 \d+ms$/)
  expect(lines.find((line) => line.includes('limit=2'))).toMatch(/GET +\/v1\/customers\?limit=2 200 \d+ms session worker-7$/)

  const json = await serve('--api', 'toptickets', '--count', '3', '--log', 'json')
  await fetch(`${json.url}/v1/customers?limit=3`, { headers: { ...key, 'x-mockdesk-session': 'worker-8' } })
  await fetch(`${json.url}/v1/customers?limit=4`, { headers: key })
  await until(() => json.output.stdout.includes('limit=4'), 'the default world’s JSON line')
  const objects = json.output.stdout.split('\n').filter((line) => line.includes('"kind":"request"')).map((line) => JSON.parse(line))
  expect(objects.map((o) => [o.path, o.session])).toEqual([['/v1/customers?limit=3', 'worker-8'], ['/v1/customers?limit=4', undefined]])
})
