/**
 * The in-process section of `npm run bench` (also runnable alone: `node --expose-gc --import tsx
 * src/bench/world-probe.ts`): what a world costs. With every API and the default data it times the
 * first mockdesk (seeding the images), `reset()`, a new session's world, a second `setupMockdesk`,
 * and measures the heap held by 1,000 worlds, untouched and after one create each. Prints one JSON line.
 */
import { selectApis } from '../apis/select-apis.ts'
import type { Store as TopTicketsStore } from '../apis/toptickets/store.ts'
import { createMockdesk } from '../core/mockdesk.ts'
import type { World } from '../core/world.ts'
import { setupMockdesk } from '../node/setup-server.ts'

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const round = (ms: number) => Math.round(ms * 1000) / 1000
async function timed(runs: number, run: () => Promise<unknown>): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await run()
    times.push(performance.now() - started)
  }
  return round(median(times))
}
const heapMb = () => {
  globalThis.gc?.()
  return process.memoryUsage().heapUsed / 2 ** 20
}

let started = performance.now()
const mockdesk = await createMockdesk(selectApis())
const firstMockdeskMs = Math.round(performance.now() - started)
started = performance.now()
await setupMockdesk()
const secondSetupMs = round(performance.now() - started)

const resetMs = await timed(100, () => mockdesk.reset())
let n = 0
const newWorldMs = await timed(100, () => mockdesk.createWorld({ name: `probe-${n++}` }))
const setupMockdeskMs = await timed(20, () => setupMockdesk())

const before = heapMb()
const worlds: World[] = []
for (let i = 0; i < 1000; i++) worlds.push(await mockdesk.createWorld({ name: `session-${i}` }))
const untouchedMb = heapMb() - before
for (const [i, world] of worlds.entries()) {
  const store = world.store('toptickets') as TopTicketsStore
  const [first] = store.customers.all()
  await store.customers.create({ ...first!, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, email: `probe${i}@example.com` })
}
const oneCreateMb = heapMb() - before

console.log(
  JSON.stringify({
    firstMockdeskMs,
    secondSetupMs,
    setupMockdeskMs,
    resetMs,
    newWorldMs,
    worlds: worlds.length,
    records: mockdesk.world.recordCount(),
    untouchedKbPerWorld: Math.round((untouchedMb * 1024) / worlds.length),
    oneCreateKbPerWorld: Math.round((oneCreateMb * 1024) / worlds.length),
    untouchedMb: Math.round(untouchedMb),
    oneCreateMb: Math.round(oneCreateMb),
  }),
)
