/**
 * Beyond one machine: two `mockdesk serve` processes behind Debian's HAProxy, configured as the
 * README shows (test/node/haproxy/mockdesk.cfg, ports filled in). Every session's requests reach
 * one instance (stickiness: a session always reads its own writes), sessions spread over both,
 * no session sees another's writes, and when an instance stops its sessions move to the other,
 * starting again from the seed. Skipped with a message without haproxy, unless
 * MOCKDESK_REQUIRE_HAPROXY=1 (as .ci/run sets).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCli } from '../support/cli-process.ts'

const hasHaproxy = spawnSync('haproxy', ['-v']).status === 0
const required = process.env.MOCKDESK_REQUIRE_HAPROXY === '1'
const key = 'tt_admin_9f3k2m7x4q8w1e6r5t0y3u2i9o8p7a6s'
const children: ChildProcess[] = []

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

async function serve(): Promise<{ child: ChildProcess; url: string; port: number }> {
  const { child, url } = await startCli(['serve', '--port', '0', '--api', 'toptickets', '--count', '20'], children)
  return { child, url, port: Number(new URL(url).port) }
}

const suite = hasHaproxy || required ? describe : describe.skip
if (!hasHaproxy) console.warn(`[mockdesk] ${required ? 'MOCKDESK_REQUIRE_HAPROXY=1 but' : 'Skipping "beyond one machine":'} no haproxy on PATH (apt-get install -y haproxy).`)

suite('two mockdesk servers behind HAProxy', () => {
  let front = ''
  let instances: Array<{ child: ChildProcess; url: string; port: number }> = []
  let dir = ''

  beforeAll(async () => {
    if (!hasHaproxy) throw new Error('MOCKDESK_REQUIRE_HAPROXY=1: haproxy must be installed (apt-get install -y haproxy).')
    instances = await Promise.all([serve(), serve()])
    const port = await freePort()
    dir = mkdtempSync(path.join(tmpdir(), 'mockdesk-haproxy-'))
    const config = readFileSync('test/node/haproxy/mockdesk.cfg', 'utf8')
      .replace('127.0.0.1:4000', `127.0.0.1:${port}`)
      .replace('127.0.0.1:4011', `127.0.0.1:${instances[0]!.port}`)
      .replace('127.0.0.1:4012', `127.0.0.1:${instances[1]!.port}`)
    writeFileSync(path.join(dir, 'mockdesk.cfg'), config)
    const haproxy = spawn('haproxy', ['-db', '-f', path.join(dir, 'mockdesk.cfg')], { stdio: ['ignore', 'inherit', 'inherit'] })
    children.push(haproxy)
    front = `http://127.0.0.1:${port}`
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${front}/__mockdesk/health`).catch(() => undefined)
      if (response?.status === 200) break
      if (attempt > 100) throw new Error('HAProxy did not answer')
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }, 90_000)

  afterAll(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL')
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  const headers = (session: string) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json', 'x-mockdesk-session': session })
  const sessions = Array.from({ length: 12 }, (_, i) => `tenant-${i}`)
  const sessionsOn = async (url: string) => ((await (await fetch(`${url}/__mockdesk/sessions`)).json()) as { sessions: Array<{ name: string }> }).sessions.map((s) => s.name)

  it('keeps each session on one instance, spreads sessions over both, and isolates them', async () => {
    const created = new Map<string, string>()
    for (const session of sessions) {
      const response = await fetch(`${front}/v1/customers`, { method: 'POST', headers: headers(session), body: JSON.stringify({ name: session, email: `${session}@example.com` }) })
      expect(response.status).toBe(201)
      created.set(session, ((await response.json()) as { id: string; name: string }).id)
    }
    // Stickiness: every later request of a session reads its own write (the other instance has
    // no such world), and sees no other session's record.
    for (let round = 0; round < 3; round++) {
      for (const session of sessions) {
        const list = (await (await fetch(`${front}/v1/customers?skip=20&limit=50`, { headers: headers(session) })).json()) as Array<{ name: string }>
        expect(list.map((customer) => customer.name)).toEqual([session])
      }
    }
    const [one, two] = await Promise.all(instances.map((instance) => sessionsOn(instance.url)))
    expect(one!.length).toBeGreaterThan(0)
    expect(two!.length).toBeGreaterThan(0)
    expect([...one!, ...two!].sort()).toEqual([...sessions].sort())
  })

  it('moves the sessions of a stopped instance to the other, which starts them from the seed', async () => {
    const [one] = instances
    const movedAway = await sessionsOn(one!.url)
    one!.child.kill('SIGKILL')
    for (const session of movedAway) {
      // HAProxy notices the instance is gone (its health check, or redispatch on a failed connect).
      let list: unknown[] = []
      for (let attempt = 0; attempt < 50; attempt++) {
        const response = await fetch(`${front}/v1/customers?skip=20&limit=50`, { headers: headers(session) }).catch(() => undefined)
        if (response?.status === 200) {
          list = (await response.json()) as unknown[]
          break
        }
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      expect(list).toEqual([])
    }
  }, 60_000)
})
