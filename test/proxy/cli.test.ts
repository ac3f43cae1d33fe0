/** `mockdesk proxy` and `serve --seed-from` spawned as a user runs them. */
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startStandIn } from './stand-in-vendor.ts'
import { runCli as mockdesk, startCli } from '../support/cli-process.ts'
import { auth, token } from './support.ts'

const dir = mkdtempSync(join(tmpdir(), 'mockdesk-proxy-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('mockdesk proxy', () => {
  it('refuses bad options with the reason and the usage, exit code 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['proxy'], /--target is required/],
      [['proxy', '--target', 'https://api.toptickets.app/v1'], /Name the API to proxy/],
      [['proxy', 'toptickets', '--target', 'http://api.toptickets.app/v1'], /not https .*--allow-http/],
      [['proxy', 'zendesk', '--target', 'https://api.zendesk.com'], /no spec for "zendesk"/],
      [['proxy', '--all', '--target', 'https://api.toptickets.app/v1'], /each --target is <api>=<url>/],
      [['proxy', 'toptickets', '--target', 'https://api.toptickets.app/v1', '--log', 'xml'], /--log is text or json/],
    ]
    for (const [args, message] of cases) {
      const result = await mockdesk(...args)
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr).toMatch(message)
      expect(result.stderr).toContain('Usage: mockdesk proxy')
    }
  })

  it('proxies until stopped, logs JSON lines without secrets, and writes the drift report on exit', async () => {
    const standIn = await startStandIn({ breaks: ['teapot'] })
    const drift = join(dir, 'reports', 'drift')
    const started: ChildProcess[] = []
    let output = ''
    try {
      const { child, url, output: printed } = await startCli(['proxy', '--all', '--target', `toptickets=${standIn.baseUrl}`, '--allow-http', '--port', '0', '--log', 'json', '--drift', drift], started)
      expect(printed.stdout).toContain(`${url}/toptickets  →  ${standIn.baseUrl}`)
      const response = await fetch(`${url}/toptickets/customers`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"name":"Ada","email":"ada@example.com"}' })
      expect(response.status).toBe(418)
      child.kill('SIGTERM')
      expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(0)
      output = printed.stdout
    } finally {
      for (const child of started) child.kill()
      await standIn.close()
    }
    const line = output.split('\n').find((l) => l.startsWith('{"type":"exchange"'))!
    expect(JSON.parse(line)).toMatchObject({ api: 'toptickets', operationId: 'createCustomer', status: 418, violations: [{ kind: 'undocumented-status' }] })
    expect(output).not.toContain(token)
    expect(output).not.toContain('ada@example.com')
    expect(existsSync(`${drift}.json`)).toBe(true)
    expect(readFileSync(`${drift}.txt`, 'utf8')).toContain('undocumented status 418')
  })
})

describe('mockdesk serve --seed-from', () => {
  it('stops before serving when there is nothing to seed from', async () => {
    const result = await mockdesk('serve', '--port', '0', '--seed-from', join(dir, 'nothing-here'))
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/cannot seed from .*nothing-here: there is no such directory\. Record one first/)
  })
})
