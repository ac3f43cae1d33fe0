/**
 * The `mockdesk` command as real child processes: one that runs to its end (`runCli`: its exit
 * code and what it printed), and one that listens (`startCli`, for `serve` and `proxy`).
 */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { promisify } from 'node:util'

export const bin = 'src/cli/mockdesk.js'

const run = promisify(execFile)

/** Runs `mockdesk <args>` to its end. */
export const runCli = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  run(process.execPath, [bin, ...args]).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  )

export interface ListeningCli {
  child: ChildProcessWithoutNullStreams
  /** The URL it printed (`serving on …`, `proxy on …`). */
  url: string
  /** What it printed so far, and keeps printing. */
  output: { stdout: string; stderr: string }
}

/**
 * Starts `mockdesk <args>` and resolves once it has printed where it listens and "Press Ctrl-C",
 * with a live view of everything it prints. The child goes into `children` at once, for the test's cleanup. */
export function startCli(args: readonly string[], children: { push(child: ChildProcessWithoutNullStreams): number } = []): Promise<ListeningCli> {
  const child = spawn(process.execPath, [bin, ...args])
  children.push(child)
  const output = { stdout: '', stderr: '' }
  child.stderr.on('data', (chunk) => (output.stderr += chunk))
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output.stdout += chunk
      const match = /(?:serving|proxy) on (http:\/\/[\d.:]+)/.exec(output.stdout)
      if (match && output.stdout.includes('Ctrl-C')) resolve({ child, url: match[1]!, output })
    })
    child.on('exit', (code) => reject(new Error(`mockdesk ${args[0]} exited (${code}):\n${output.stdout}${output.stderr}`)))
  })
}
