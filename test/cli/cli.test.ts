import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import keys from '../../fixtures/toptickets/keys.json'
import { apiIds } from '../../src/apis/load-apis.ts'
import { bin, runCli as mockdesk, startCli } from '../support/cli-process.ts'


describe('mockdesk command', () => {
  it('prints usage with no command, and exits 2 on an unknown one', async () => {
    expect((await mockdesk()).stdout).toContain('Usage: mockdesk <command>')
    const unknown = await mockdesk('frobnicate')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown command "frobnicate"')
  })

  it('rejects bad serve options with the option named and the usage', async () => {
    for (const args of [['--port', 'abc'], ['--api', 'zendesk'], ['--bogus']]) {
      const result = await mockdesk('serve', ...args)
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr).toContain('Usage: mockdesk serve')
    }
  })

  it('lists the APIs with their keys, as text and JSON', async () => {
    expect((await mockdesk('list')).stdout).toContain('toptickets: TopTickets API (customers)')
    const rows = JSON.parse((await mockdesk('list', '--json')).stdout)
    expect(rows.find((row: { id: string }) => row.id === 'toptickets')).toMatchObject({ vendorBaseUrl: 'https://api.toptickets.app/v1' })
  })

  it('serves until stopped, printing the base URLs', async () => {
    const { child, url, output } = await startCli(['serve', '--port', '0', '--seed', '3'])
    expect(output.stdout).toContain(`${url}/toptickets/v1`)
    expect((await (await fetch(`${url}/__mockdesk/health`)).json()).seed).toBe(3)
    child.kill('SIGTERM')
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(0)
  })

  it('answers a request sent the moment it listens, then prints the banner whole, the request line after it', async () => {
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0'])
    let stdout = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', () => {
          const match = /serving on (http:\/\/[\d.:]+)/.exec(stdout)
          if (match) resolve(match[1]!)
        })
        child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${stdout}`)))
      })
      const reply = await fetch(`${url}/toptickets/v1/customers?limit=1`, { headers: { authorization: `Bearer ${keys[0]!.key}` } })
      expect(reply.status).toBe(200)
      await new Promise<void>((resolve) => {
        const check = () => /GET +\/toptickets\/v1\/customers\?limit=1 200/.test(stdout) && resolve()
        child.stdout.on('data', check)
        check()
      })
      const lines = stdout.split('\n')
      const banner = lines.slice(0, lines.findIndex((line) => line.startsWith('Press Ctrl-C')) + 1)
      // Every API's line with its record counts, and no request line inside the banner.
      for (const id of apiIds) expect(banner.some((line) => line.startsWith(`  ${id.padEnd(16)}${url}/${id}`) && / \(\d+ \w+/.test(line))).toBe(true)
      expect(banner.some((line) => line.includes('GET '))).toBe(false)
      expect(lines.slice(banner.length).some((line) => /GET +\/toptickets\/v1\/customers\?limit=1 200 \d+ms$/.test(line))).toBe(true)
    } finally {
      child.kill('SIGTERM')
    }
  })

  it('stops cleanly when told to as soon as it listens, before its banner is whole', async () => {
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0'])
    let stdout = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      if (stdout.includes('serving on')) child.kill('SIGTERM')
    })
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(0)
  })
})
