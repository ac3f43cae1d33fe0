/**
 * The README's "Simulate the real world" section runs as written: its Node example is
 * behaviour-example.test.ts verbatim, its config is valid and starts every runtime, and its shell
 * lines, run by bash against a server (its port put in for 4010), do what their comments say.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { validateConfig } from '../../src/config/index.ts'
import { setupMockdesk, startMockServer, type MockHttpServer } from '../../src/node/index.ts'

const readme = readFileSync('README.md', 'utf8')
const section = readme.slice(readme.indexOf('## Simulate the real world'), readme.indexOf('## Check a server against the spec'))
const blocks = (language: string) => [...section.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((match) => match[1]!)
const tryIt = /KEY='[^']+'\nBASE=[^\n]+\n/.exec(readme)![0] // the variables "Try it" defines

let server: MockHttpServer
beforeAll(async () => {
  server = await startMockServer({ port: 0 })
})
afterAll(() => server.close())

const bash = (script: string) =>
  promisify(execFile)('bash', ['-c', (tryIt + script).replaceAll('http://127.0.0.1:4010', server.url).replace(/^curl /gm, 'curl -sS -w "\\nexit:%{http_code}\\n" ')]).then(
    (result) => result.stdout + result.stderr,
    (error: { stdout: string; stderr: string }) => error.stdout + error.stderr,
  )

it('behaviour-example.test.ts is the README example, verbatim', () => {
  const snippet = /```ts\n\/\/ resilience\.test\.ts \(vitest\)\n([\s\S]*?)```/.exec(section)?.[1]
  const example = readFileSync('test/readme/behaviour-example.test.ts', 'utf8').split('\n').slice(1).join('\n')
  expect(snippet).toBeDefined()
  expect(example).toBe(snippet)
})

it('the config is valid and starts a mock', async () => {
  const [json] = blocks('json')
  const config = validateConfig(JSON.parse(json!))
  const mock = await setupMockdesk({ config })
  expect(mock.mockdesk.apis.map((api) => api.definition.id)).toEqual(['toptickets', 'ticketsource'])
  expect(mock.mockdesk.behaviour.settings).toMatchObject({ rateLimits: true, faults: { reset: '2%' } })
})

it('the Prefer lines: a delay, a reset, a hang', async () => {
  const [prefer] = blocks('sh')
  const started = performance.now()
  const output = await bash(prefer!)
  expect(output).toMatch(/^\[\{"id"/m) // the delayed list arrives
  expect(output).toContain('Connection reset by peer')
  expect(output).toContain('Empty reply from server')
  expect(performance.now() - started).toBeGreaterThanOrEqual(2800) // 800 ms, then the 2 s hang
}, 30_000)

it('the control lines: set, read and clear the behaviour', async () => {
  const [, control] = blocks('sh')
  const output = await bash(control!)
  expect(output).toContain('{"behaviour":{"latency":"200-800"}}')
  expect(output).toContain('{"status":"changed","behaviour":{}}')
  expect(server.mockdesk.behaviour.settings).toEqual({})
})
