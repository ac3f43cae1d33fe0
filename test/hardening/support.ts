/** Helpers for the hardening suites: the real `mockdesk serve` process, and raw sockets. */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { connect, type Socket } from 'node:net'

export interface Served {
  child: ChildProcess
  /** e.g. http://127.0.0.1:43121 (a 0.0.0.0 bind is reached through 127.0.0.1). */
  url: string
  port: number
  /** Everything the process printed so far. */
  output: () => string
  stop(): Promise<void>
}

/** Starts `mockdesk serve` with these arguments on a free port and waits until it serves. */
export async function serve(...args: string[]): Promise<Served> {
  const child = spawn('node', ['src/cli/mockdesk.js', 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /serving on http:\/\/(?:[\d.]+|\[[^\]]+\]):(\d+)/.exec(output)
      if (match && output.includes('Ctrl-C')) resolve(`http://127.0.0.1:${match[1]}`)
    }
    child.stdout!.on('data', check)
    child.on('exit', () => reject(new Error(`serve exited early:\n${output}`)))
  })
  return {
    child,
    url,
    port: Number(new URL(url).port),
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('exit', resolve))
    },
  }
}

/** Peak and current resident memory of a process, in MiB (Linux /proc). */
export function memoryOf(pid: number): { peakMiB: number; nowMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)![1])
  return { peakMiB: kib('VmHWM') / 1024, nowMiB: kib('VmRSS') / 1024 }
}

/** A raw TCP connection to collect whatever the server answers. */
export function rawConnection(port: number): Promise<Socket & { received: () => string; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1') as Socket & { received: () => string; ended: Promise<void> }
    let received = ''
    socket.on('data', (chunk) => (received += chunk.toString('latin1')))
    socket.on('error', () => {})
    socket.received = () => received
    socket.ended = new Promise((done) => socket.once('close', () => done()))
    socket.once('connect', () => resolve(socket))
    socket.once('error', reject)
  })
}

/** Waits for `check` to hold, polling; a hang detector, not a timing assertion. */
export async function eventually(check: () => boolean, { timeoutMs = 20_000, what = 'the condition' } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

export interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
  json: () => any
}

/** A request through node:http, which (unlike fetch) lets a test set any Host header. */
export async function send(
  url: string,
  { method = 'GET', headers = {}, body, timeoutMs }: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array; timeoutMs?: number } = {},
): Promise<Answer> {
  const { request } = await import('node:http')
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text, json: () => JSON.parse(text) }))
    })
    req.on('error', reject)
    if (timeoutMs !== undefined) {
      const timer = setTimeout(() => req.destroy(new Error(`No answer within ${timeoutMs} ms: ${method} ${url}`)), timeoutMs)
      req.on('close', () => clearTimeout(timer))
    }
    req.end(body)
  })
}
