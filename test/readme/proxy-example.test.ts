/**
 * The README's "Check your real traffic" section, run as written: the two start commands (each
 * as its own process, as in its own terminal), then the curl block with bash, whose output must
 * be the report the README shows (its time and the run's e-mail mask aside); then Ctrl-C writes
 * the report files, and `serve --seed-from` serves the recording.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { createConnection } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const readme = readFileSync('README.md', 'utf8')
const section = /## Check your real traffic\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? ''
const blocks = [...section.matchAll(/```(sh|text)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, code: m[2]! }))
const [start, requests, report, replay] = blocks
const outputs = ['recordings', 'mockdesk-drift.json', 'mockdesk-drift.txt']

const children: ChildProcess[] = []
function launch(command: string): { child: ChildProcess; output: () => string } {
  // `detached`: its own process group, so `npx` and what it starts are stopped together.
  const child = spawn('bash', ['-c', command], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  return { child, output: () => output }
}

const until = async (ready: () => boolean, what: () => string) => {
  for (let i = 0; i < 600 && !ready(); i++) await new Promise((resolve) => setTimeout(resolve, 100))
  if (!ready()) throw new Error(`never became ready:\n${what()}`)
}

const portBusy = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' })
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })

/** Ctrl-C, as in a terminal: to the whole process group (npx and the node it starts). */
const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    process.kill(-child.pid!, 'SIGINT')
  })

/** The report with what differs from run to run (the time, the e-mail mask) made equal. */
const normal = (text: string) => text.replace(/report, \S+/, 'report, <time>').replace(/user-[0-9a-f]{8}@/g, 'user-<mask>@')

describe('README: check your real traffic', () => {
  let proxy: ReturnType<typeof launch>
  beforeAll(async () => {
    for (const output of outputs) rmSync(output, { recursive: true, force: true })
    for (const port of [4011, 4020, 4012]) if (await portBusy(port)) throw new Error(`port ${port} is in use: the README's commands need it free`)
    const [standInLine, proxyLine] = start!.code.trim().split('\n')
    const standIn = launch(standInLine!)
    await until(() => standIn.output().includes('stand-in TopTickets vendor on'), standIn.output)
    proxy = launch(proxyLine!)
    await until(() => proxy.output().includes('Press Ctrl-C'), proxy.output)
  }, 90_000)

  afterAll(async () => {
    for (const child of children) await stop(child)
    for (const output of outputs) rmSync(output, { recursive: true, force: true })
  })

  it('has the blocks the test runs', () => {
    expect(blocks.map((b) => b.lang)).toEqual(['sh', 'sh', 'text', 'sh'])
  })

  it('prints the drift report the README shows', async () => {
    const run = launch(requests!.code)
    expect(await new Promise((resolve) => run.child.once('exit', resolve))).toBe(0)
    expect(normal(run.output())).toBe(normal(report!.code))
    // The log names the violations the README quotes.
    expect(proxy.output()).toContain('response missing-field at body /email: documented a required field, received (absent)')
  })

  it('writes the report files on Ctrl-C, and the recording seeds a mock that serves it', async () => {
    await stop(proxy.child)
    expect(proxy.output()).toContain('drift report: mockdesk-drift.json, mockdesk-drift.txt')
    expect(normal(readFileSync('mockdesk-drift.txt', 'utf8'))).toBe(normal(report!.code))
    expect(JSON.parse(readFileSync('mockdesk-drift.json', 'utf8')).apis[0].operations).toHaveLength(3)
    expect(existsSync('recordings/toptickets/00001-listCustomers-200.har')).toBe(true)

    const serve = launch(replay!.code.trim())
    await until(() => serve.output().includes('Press Ctrl-C'), serve.output)
    expect(serve.output()).toContain('seeded toptickets customers with 2 recorded records')
    const key = /KEY='Authorization: (Bearer \S+)'/.exec(requests!.code)![1]!
    const customers = (await (await fetch('http://127.0.0.1:4012/v1/customers?limit=3', { headers: { authorization: key } })).json()) as Array<{ id: string; name: string; email: string }>
    // The docs' John Doe and Jane Smith, as recorded: masked.
    expect(customers.slice(0, 2).map((c) => c.id)).toEqual(['a1b2c3d4-e5f6-7890-abcd-ef1234567890', 'b2c3d4e5-f6a7-8901-bcde-f12345678901'])
    for (const customer of customers.slice(0, 2)) {
      expect(customer.name).toMatch(/^Name [0-9a-f]{6}$/)
      expect(customer.email).toMatch(/^user-[0-9a-f]{8}@example\.com$/)
    }
  }, 60_000)
})
