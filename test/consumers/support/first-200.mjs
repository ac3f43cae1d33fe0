#!/usr/bin/env node
/**
 * How long an installed `mockdesk serve` takes to answer: starts the command given (run from the
 * current folder), asks TopTickets for one customer every 5 ms until the answer is a 200, prints
 * the milliseconds from spawn to that answer, and stops the server. Not a test (tests do not time
 * things): the README's installed CLI start-up figures come from running this several times, e.g.
 *
 *   node first-200.mjs 4200 npx mockdesk serve --port 4200
 */
import { spawn } from 'node:child_process'

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
const deadline = started + 30_000
for (;;) {
  const response = await fetch(url, { headers }).catch(() => undefined)
  if (response?.status === 200) break
  if (performance.now() > deadline) {
    console.error('no 200 within 30 s')
    stop()
    process.exit(1)
  }
  await new Promise((resolve) => setTimeout(resolve, 5))
}
console.log(`${Math.round(performance.now() - started)} ms to the first 200`)
server.removeAllListeners('exit')
stop()
