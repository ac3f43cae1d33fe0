/**
 * The README's Security snippets and its control-plane curl run as written: the only change is
 * the port (a free one instead of 4010). curl and bash are the user's tools here.
 */
import { execFile, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { startMockServer } from '../../src/node/index.ts'
import { eventually } from './support.ts'

const run = promisify(execFile)
const readme = readFileSync('README.md', 'utf8')
const security = readme.slice(readme.indexOf('## Security'), readme.indexOf('\n## ', readme.indexOf('## Security') + 1))
const [start, calls] = [...security.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!)

it('the Security section: an exposed server with your token, called with it', async () => {
  expect(start).toContain('--admin-token')
  const free = await startMockServer({ port: 0, apis: ['toptickets'], count: 1 })
  const port = new URL(free.url).port
  await free.close()
  // Both blocks in one shell, so the exported token reaches the calls.
  const server = spawn('bash', ['-c', start!.replace('npx mockdesk serve', `npx mockdesk serve --port ${port}`)], { detached: true, env: { ...process.env } })
  let output = ''
  server.stdout.on('data', (chunk) => (output += chunk))
  server.stderr.on('data', (chunk) => (output += chunk))
  try {
    await eventually(() => output.includes('Ctrl-C'), { timeoutMs: 30_000, what: `the server to start:\n${output}` })
    const token = /admin token[^\n]*\n\s+(\S+)/.exec(output)![1]!
    expect(token).toMatch(/^[0-9a-f]{32}$/)
    const env = { ...process.env, MOCKDESK_ADMIN_TOKEN: token }
    const { stdout } = await run('bash', ['-ec', calls!.replaceAll('4010', port)], { env })
    const [health, reset] = stdout.replace(/}\s*{/, '}\n{').split('\n').filter(Boolean).map((line) => JSON.parse(line))
    expect(health).toMatchObject({ status: 'ok', seed: 42 })
    expect(reset).toMatchObject({ status: 'reset', seed: 42 })
    const { stdout: refused } = await run('bash', ['-ec', calls!.replaceAll('4010', port)], { env: { ...process.env, MOCKDESK_ADMIN_TOKEN: 'wrong-token-0000' } })
    expect(refused).toContain('MOCKDESK_ADMIN_TOKEN_REQUIRED')
  } finally {
    process.kill(-server.pid!, 'SIGTERM')
  }
}, 60_000)

it("Try it: the README's reset curl works on the loopback server", async () => {
  const line = readme.split('\n').find((text) => text.includes('/__mockdesk/reset') && text.startsWith('curl'))!
  const server = await startMockServer({ port: 0, count: 3, seed: 9 })
  try {
    await server.mockdesk.reset(11)
    const { stdout } = await run('bash', ['-ec', line.replace('http://127.0.0.1:4010', server.url)])
    expect(JSON.parse(stdout)).toMatchObject({ status: 'reset', seed: 11 })
  } finally {
    await server.close()
  }
})
