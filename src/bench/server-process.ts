/**
 * Server processes for the bench: spawned, ready once they print "serving on <url>", stopped with
 * SIGTERM. Their CPU time is read from /proc, so each load run can also say how much server CPU a
 * request cost: on a shared machine the requests per second swing with the neighbours' load, the
 * CPU per request much less.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'

export interface ServerProcess {
  url: string
  child: ChildProcess
  /** From spawn to "serving on". */
  startMs: number
}

export function startServer(args: string[], options: { nodeOptions?: string[]; command?: string; ready?: RegExp; env?: NodeJS.ProcessEnv } = {}): Promise<ServerProcess> {
  const started = performance.now()
  const command = options.command ?? process.execPath
  const child = spawn(command, [...(options.nodeOptions ?? []), ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env })
  const ready = options.ready ?? /serving on (http:\/\/[\d.:]+)/
  return new Promise((resolve, reject) => {
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk
      const match = ready.exec(output)
      if (match) {
        child.stdout!.off('data', onData)
        child.stderr!.off('data', onData)
        // Keep draining, so a chatty server never blocks on a full pipe.
        child.stdout!.resume()
        child.stderr!.resume()
        resolve({ url: match[1]!, child, startMs: performance.now() - started })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited (${code}) before serving:\n${output.slice(-4000)}`)))
  })
}

export const stopServer = (server: ServerProcess) =>
  new Promise<void>((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve()
    server.child.removeAllListeners('exit')
    server.child.once('exit', () => resolve())
    server.child.kill('SIGTERM')
    // A peer that ignores SIGTERM is not allowed to hold the bench up.
    setTimeout(() => server.child.kill('SIGKILL'), 5000).unref()
  })

/** Clock ticks per second in /proc/<pid>/stat (USER_HZ; 100 on Linux). */
const ticksPerSecond = 100

/** CPU time (user + system) used so far by a process and its children waited for, in ms; undefined off Linux. */
export function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond
  } catch {
    return undefined
  }
}
