import { execFile, spawn } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const bin = 'src/cli/mockdesk.js'
const mockdesk = (...args: string[]) =>
  run('node', [bin, ...args]).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  )

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
    expect(rows).toContainEqual(expect.objectContaining({ id: 'toptickets', vendorBaseUrl: 'https://api.toptickets.app/v1' }))
  })

  it('serves until stopped, printing the base URLs', async () => {
    const child = spawn('node', [bin, 'serve', '--port', '0', '--seed', '3'])
    let output = ''
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output += chunk
        const match = /serving on (http:\/\/[\d.:]+)/.exec(output)
        if (match && output.includes('Ctrl-C')) resolve(match[1]!)
      })
      child.on('exit', () => reject(new Error(`serve exited early:\n${output}`)))
    })
    expect(output).toContain(`${url}/toptickets/v1`)
    expect((await (await fetch(`${url}/__mockdesk/health`)).json()).seed).toBe(3)
    child.kill('SIGTERM')
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(0)
  })
})
