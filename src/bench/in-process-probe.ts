/**
 * The in-process figures, in a fresh process of their own: `setupMockdesk` (msw/node) answering
 * the TopTickets list against a bare msw/node handler that returns the very same bytes, so the
 * difference is mockdesk's own per-request work (auth, validation, the cache lookup); and the
 * time to set up a mockdesk and to reset it. Prints one JSON line.
 */
import { http } from 'msw'
import { setupServer } from 'msw/node'
import { setupMockdesk } from '../node/index.ts'

const requestsPerRound = Number(process.argv[2] ?? 2000)
// Nine turns each (the first, warming up, dropped): with five, one neighbour's burst of load on a
// shared machine could move the median by a third (0.83-1.49 across a day's runs).
const rounds = 9
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

let started = performance.now()
const mock = await setupMockdesk()
const firstSetupMs = performance.now() - started
started = performance.now()
const second = await setupMockdesk()
const secondSetupMs = performance.now() - started
second.close()

const resets: number[] = []
for (let i = 0; i < 10; i++) {
  started = performance.now()
  await mock.reset()
  resets.push(performance.now() - started)
}

const toptickets = mock.mockdesk.apis.find((api) => api.definition.id === 'toptickets')!
const url = `${toptickets.base}/customers?limit=50`
const headers = { authorization: `Bearer ${toptickets.definition.keys[0]!.key}` }

mock.listen({ onUnhandledRequest: 'error' })
const first = await fetch(url, { headers })
const bytes = new Uint8Array(await first.arrayBuffer())
const contentType = first.headers.get('content-type')!
mock.close()
const bare = setupServer(http.get(url.replace(/\?.*$/, ''), () => new Response(bytes, { headers: { 'content-type': contentType } })))

/** Microseconds per request: `requestsPerRound` fetches, ten at a time, as a test suite's parallel calls. */
async function round(): Promise<number> {
  const t = performance.now()
  for (let i = 0; i < requestsPerRound; i += 10) {
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const response = await fetch(url, { headers })
        if (response.status !== 200) throw new Error(`${url} answered ${response.status}`)
        await response.arrayBuffer()
      }),
    )
  }
  return ((performance.now() - t) * 1000) / requestsPerRound
}

/** One round of `side`, listening only while it runs. */
async function roundOf(side: { listen(options: { onUnhandledRequest: 'error' }): void; close(): void }): Promise<number> {
  side.listen({ onUnhandledRequest: 'error' })
  try {
    return await round()
  } finally {
    side.close()
  }
}

// Alternating rounds, so a neighbour's burst of load falls on both sides alike, in the order
// ABBA, so neither side always runs right after the other (and inherits its garbage to collect).
const mockdeskUs: number[] = []
const bareUs: number[] = []
for (let i = 0; i < rounds; i++) {
  const [a, b] = i % 2 === 0 ? [await roundOf(mock), await roundOf(bare)] : [await roundOf(bare), await roundOf(mock)].reverse()
  if (i > 0) {
    mockdeskUs.push(a!)
    bareUs.push(b!)
  }
}

console.log(
  JSON.stringify({
    mockdeskUs: Math.round(median(mockdeskUs)),
    bareUs: Math.round(median(bareUs)),
    firstSetupMs: Math.round(firstSetupMs),
    secondSetupMs: Math.round(secondSetupMs),
    resetMs: Math.round(median(resets) * 10) / 10,
    bodyBytes: bytes.byteLength,
  }),
)
