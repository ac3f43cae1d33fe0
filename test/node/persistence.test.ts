/**
 * `mockdesk serve --data-dir`, as a user runs it: real processes, real `kill -9`. Every create a
 * client saw acknowledged is there after a crash and restart, in the right world; a torn last
 * journal line is dropped; a directory that is not mockdesk's, or was made for other data, stops
 * the start with a message; ids made after a restart never repeat ids made before it.
 */
import { spawnSync, type ChildProcess } from 'node:child_process'
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { startMockServer, type MockHttpServer } from '../../src/node/index.ts'
import { bin, startCli } from '../support/cli-process.ts'

const key = 'tt_admin_9f3k2m7x4q8w1e6r5t0y3u2i9o8p7a6s'
const dirs: string[] = []
const children: ChildProcess[] = []
const freshDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mockdesk-data-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
})
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

async function serve(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const { child, url } = await startCli(['serve', '--port', '0', '--api', 'toptickets', '--count', '20', '--data-dir', dataDir], children)
  return { child, url }
}

/** Resolves once the process is gone (at once if it already is). */
const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve))

const headers = (session?: string) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json', ...(session ? { 'x-mockdesk-session': session } : {}) })

describe('mockdesk serve --data-dir', () => {
  it('keeps every acknowledged create through kill -9 under a create load', async () => {
    const dataDir = freshDir()
    const first = await serve(dataDir)
    const acknowledged: Array<{ session?: string; id: string }> = []
    let stop = false
    let n = 0
    // Eight clients creating as fast as they can, in the default world and in two sessions.
    const clients = Array.from({ length: 8 }, async (_, client) => {
      const session = [undefined, 'alpha', 'beta'][client % 3]
      while (!stop) {
        const i = n++
        try {
          const response = await fetch(`${first.url}/v1/customers`, { method: 'POST', headers: headers(session), body: JSON.stringify({ name: `Load ${i}`, email: `load${i}@example.com` }) })
          if (response.status === 201) acknowledged.push({ session, id: ((await response.json()) as { id: string }).id })
        } catch {
          return // the server is gone: this request was never acknowledged
        }
      }
    })
    await expect.poll(() => acknowledged.length, { timeout: 30_000, interval: 20 }).toBeGreaterThan(150)
    first.child.kill('SIGKILL')
    stop = true
    await Promise.all(clients)
    await exited(first.child)

    const second = await serve(dataDir)
    const missing: string[] = []
    for (const { session, id } of acknowledged) {
      const response = await fetch(`${second.url}/v1/customers/${id}`, { headers: headers(session) })
      if (response.status !== 200) missing.push(`${session ?? 'default'}:${id}`)
    }
    expect(missing).toEqual([])
    // Each world holds its own creates only: the 20 seeded, its acknowledged ones, and at most
    // the few that were in flight at the kill (applied, never acknowledged).
    const alphaIds = new Set(acknowledged.filter((a) => a.session === 'alpha').map((a) => a.id))
    for (const session of [undefined, 'alpha', 'beta']) {
      const health = await (await fetch(`${second.url}/__mockdesk/health`, { headers: session ? { 'x-mockdesk-session': session } : {} })).json()
      const mine = acknowledged.filter((a) => a.session === session).length
      expect(health.apis[0].records.customers).toBeGreaterThanOrEqual(20 + mine)
      expect(health.apis[0].records.customers).toBeLessThanOrEqual(20 + mine + 8)
    }
    // A create after the restart gets a new id.
    const after = await fetch(`${second.url}/v1/customers`, { method: 'POST', headers: headers('alpha'), body: JSON.stringify({ name: 'After', email: 'after@example.com' }) })
    expect(after.status).toBe(201)
    expect(alphaIds.has(((await after.json()) as { id: string }).id)).toBe(false)
  }, 90_000)

  it('drops a journal line a crash cut short, and compacts on start', async () => {
    const dataDir = freshDir()
    const first = await serve(dataDir)
    const created = await fetch(`${first.url}/v1/customers`, { method: 'POST', headers: headers('gamma'), body: JSON.stringify({ name: 'Kept', email: 'kept@example.com' }) })
    const { id } = (await created.json()) as { id: string }
    first.child.kill('SIGKILL')
    await exited(first.child)
    const journal = path.join(dataDir, 'worlds', 'gamma', 'journal.ndjson')
    appendFileSync(journal, '{"api":"toptickets","collection":"customers","change":{"type":"put","rec')

    const second = await serve(dataDir)
    expect((await fetch(`${second.url}/v1/customers/${id}`, { headers: headers('gamma') })).status).toBe(200)
    // Loading folded the journal into a new snapshot.
    expect(readFileSync(journal, 'utf8').trim().split('\n')).toHaveLength(1)
    expect(JSON.parse(readFileSync(path.join(dataDir, 'worlds', 'gamma', 'snapshot.json'), 'utf8')).epoch).toBeGreaterThan(0)
  }, 60_000)

  it('refuses a directory that is not a mockdesk data dir, or was made for other data', () => {
    const foreign = freshDir()
    writeFileSync(path.join(foreign, 'notes.txt'), 'mine')
    const refused = spawnSync(process.execPath, [bin, 'serve', '--port', '0', '--data-dir', foreign], { encoding: 'utf8', timeout: 60_000 })
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain('is not empty and is not a mockdesk data dir')
    expect(readdirSync(foreign)).toEqual(['notes.txt'])

    const other = freshDir()
    writeFileSync(path.join(other, 'mockdesk-data.json'), JSON.stringify({ format: 'mockdesk-data', version: 2, apis: ['toptickets'], seed: 7, count: null }))
    const mismatch = spawnSync(process.execPath, [bin, 'serve', '--port', '0', '--api', 'toptickets', '--data-dir', other], { encoding: 'utf8', timeout: 60_000 })
    expect(mismatch.status).toBe(1)
    expect(mismatch.stderr).toMatch(/seed 7.*but this server mounts .*seed 42/s)

    // Version 1 seeded other TopTickets customers: its journals must not replay onto these.
    const earlier = freshDir()
    writeFileSync(path.join(earlier, 'mockdesk-data.json'), JSON.stringify({ format: 'mockdesk-data', version: 1, apis: ['toptickets'], seed: 42, count: null }))
    const old = spawnSync(process.execPath, [bin, 'serve', '--port', '0', '--api', 'toptickets', '--data-dir', earlier], { encoding: 'utf8', timeout: 60_000 })
    expect(old.status).toBe(1)
    expect(old.stderr).toContain('made by an earlier mockdesk (data version 1)')
    expect(readdirSync(earlier)).toEqual(['mockdesk-data.json'])

    const damaged = freshDir()
    writeFileSync(path.join(damaged, 'mockdesk-data.json'), '{ not json')
    const unreadable = spawnSync(process.execPath, [bin, 'serve', '--port', '0', '--data-dir', damaged], { encoding: 'utf8', timeout: 60_000 })
    expect(unreadable.status).toBe(1)
    expect(unreadable.stderr).toContain('cannot be read')
  }, 120_000)
})

describe('the in-process server with a data dir', () => {
  let server: MockHttpServer | undefined
  afterEach(() => server?.close())

  it('refuses a second server on the same data dir while the first runs', async () => {
    const dataDir = freshDir()
    server = await startMockServer({ port: 0, apis: ['toptickets'], count: 5, dataDir })
    const child = spawnSync(process.execPath, [bin, 'serve', '--port', '0', '--api', 'toptickets', '--count', '5', '--data-dir', dataDir], { encoding: 'utf8', timeout: 60_000 })
    expect(child.stderr).toContain('is in use by another mockdesk server')
  }, 60_000)

  it('--reset-every puts the default world back and drops every session, on disk too', async () => {
    const dataDir = freshDir()
    server = await startMockServer({ port: 0, apis: ['toptickets'], count: 5, dataDir, resetEveryMs: 1_000 })
    const base = server.baseUrls.toptickets
    await fetch(`${base}/customers`, { method: 'POST', headers: headers(), body: JSON.stringify({ name: 'Gone', email: 'gone@example.com' }) })
    await fetch(`${base}/customers`, { method: 'POST', headers: headers('delta'), body: JSON.stringify({ name: 'Gone', email: 'gone@example.com' }) })
    expect(existsSync(path.join(dataDir, 'worlds', 'delta'))).toBe(true)
    await expect.poll(() => server!.mockdesk.world.recordCount(), { timeout: 10_000 }).toBe(5)
    await expect.poll(() => existsSync(path.join(dataDir, 'worlds', 'delta')), { timeout: 10_000 }).toBe(false)
  }, 30_000)
})
