/**
 * The floor of the bench: a plain node:http server that answers every request with bytes it was
 * given (a file), doing no work at all. Loaded in turns with the baseline, it shows the most any
 * server on node:http could reach against that baseline on this machine, with this load
 * generator: a ratio mockdesk cannot pass, since answering from prepared bytes is what it does at best.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'

const body = readFileSync(process.argv[2]!)
const contentType = process.argv[3] ?? 'application/json'

createServer((_request, response) => {
  response.writeHead(200, { 'content-type': contentType, 'content-length': body.byteLength })
  response.end(body)
}).listen(0, '127.0.0.1', function (this: { address(): { port: number } }) {
  console.log(`serving on http://127.0.0.1:${this.address().port}`)
})
