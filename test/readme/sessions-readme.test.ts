/**
 * The README's Sessions and Parallel-tests snippets run as written: the shell block against a
 * real server (its port swapped in), and the vitest files are, verbatim, the ones
 * test/node/parallel.test.ts runs in parallel.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startMockServer, type MockHttpServer } from '../../src/node/index.ts'

const readme = readFileSync('README.md', 'utf8')
const section = (title: string) => readme.slice(readme.indexOf(`## ${title}`), readme.indexOf('\n## ', readme.indexOf(`## ${title}`) + 3))
const blocks = (text: string, language: string) => [...text.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((match) => match[1]!)

let server: MockHttpServer
beforeAll(async () => {
  server = await startMockServer({ port: 0 })
})
afterAll(() => server?.close())

it('the Sessions shell block does what its comments say', async () => {
  const [script] = blocks(section('Sessions'), 'sh')
  // One answer per line: a curlrc that ends each output with a newline, the snippet unchanged.
  const curlHome = mkdtempSync(path.join(tmpdir(), 'mockdesk-curl-'))
  writeFileSync(path.join(curlHome, '.curlrc'), 'write-out = "\\n"\n')
  // Asynchronously: the server answering curl runs in this process.
  const { stdout: output } = await promisify(execFile)('bash', ['-e', '-c', script!.replaceAll('http://127.0.0.1:4010', server.url)], {
    encoding: 'utf8',
    env: { ...process.env, CURL_HOME: curlHome },
  })
  const [created, alice, fallback, reset, sessions] = output.trim().split('\n').map((line) => JSON.parse(line))
  expect(created.name).toBe('Ada Lovelace')
  expect(alice.session).toBe('alice')
  expect(alice.apis.find((api: { id: string }) => api.id === 'toptickets').records.customers).toBe(151)
  expect(fallback.apis.find((api: { id: string }) => api.id === 'toptickets').records.customers).toBe(150)
  expect(reset.apis.find((api: { id: string }) => api.id === 'toptickets').records.customers).toBe(150)
  expect(sessions.sessions.map((session: { name: string }) => session.name)).toEqual(['alice'])
})

it('the Parallel-tests files are the ones the parallel run uses, verbatim', () => {
  const [setup, test, contract] = blocks(section('Parallel tests against one server'), 'ts')
  expect(setup).toBe(readFileSync('test/node/parallel/mockdesk.setup.ts', 'utf8'))
  expect(test).toBe(readFileSync('test/node/parallel/customers.spec.ts', 'utf8'))
  expect(readFileSync('test/node/parallel/contract.spec.ts', 'utf8')).toContain(contract)
})

it('the Beyond-one-machine HAProxy file is the one test/node/haproxy.test.ts runs, verbatim', () => {
  const [config] = blocks(section('Beyond one machine'), '')
  expect(config).toBe(readFileSync('test/node/haproxy/mockdesk.cfg', 'utf8'))
})
