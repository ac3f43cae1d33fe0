#!/usr/bin/env node
/**
 * How long an installed `mockdesk serve` takes to answer: starts the command given (run from the
 * current folder), asks TopTickets for one customer every 5 ms until the answer is a 200, prints
 * the milliseconds from spawn to that answer, and stops the server. On Linux it also prints the CPU
 * time the started processes (npx and the server) had used by then, which a busy machine inflates
 * far less than the wall time. Not a test (tests do not time things): the README's installed CLI
 * start-up figures come from running this several times, e.g.
 *
 *   node first-200.mjs 4200 npx mockdesk serve --port 4200
 */
import { spawn } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'

const [port, command, ...args] = process.argv.slice(2)
if (!port || !command) {
  console.error('usage: node first-200.mjs PORT COMMAND [ARG ...]   (the command must serve on PORT)')
  process.exit(2)
}
const url = `http://127.0.0.1:${port}/toptickets/v1/customers?limit=1`
const headers = { authorization: 'Bearer tt_admin_9f3k2m7x4q8w1e6r5t0y3u2i9o8p7a6s' }

const started = performance.now()
const server = spawn(command, args, { stdio: 'ignore', detached: true })
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGTERM') // the whole group: npx starts the server as a child
  } catch {}
}
server.on('exit', (code) => {
  console.error(`the server exited (${code}) before answering`)
  process.exit(1)
})
/** CPU (user + system) of every process in the server's group so far, from /proc; undefined elsewhere. */
function groupCpuMs() {
  try {
    const ticksPerMs = 100 / 1000 // USER_HZ is 100 on Linux
    let ticks = 0
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      let stat
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      } catch {
        continue // exited meanwhile
      }
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(fields[2]) === server.pid) ticks += Number(fields[11]) + Number(fields[12]) // pgrp; utime, stime
    }
    return Math.round(ticks / ticksPerMs)
  } catch {
    return undefined
  }
}
let cpuMs
const deadline = started + 30_000
for (;;) {
  const response = await fetch(url, { headers }).catch(() => undefined)
  if (response?.status === 200) {
    cpuMs = groupCpuMs()
    break
  }
  if (performance.now() > deadline) {
    console.error('no 200 within 30 s')
    stop()
    process.exit(1)
  }
  await new Promise((resolve) => setTimeout(resolve, 5))
}
const wallMs = Math.round(performance.now() - started)
console.log(`${wallMs} ms to the first 200${cpuMs === undefined ? '' : `, ${cpuMs} ms of CPU in the started processes`}`)
server.removeAllListeners('exit')
stop()
