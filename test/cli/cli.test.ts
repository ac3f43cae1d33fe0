import { describe, expect, it } from 'vitest'
import { runCli as mockdesk, startCli } from '../support/cli-process.ts'


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
})
