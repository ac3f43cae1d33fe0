/** Seeds N TopTickets customers in a fresh process and prints the time taken and the memory held. */
import api from '../apis/toptickets/index.ts'

const count = Number(process.argv[2] ?? 1000)
const before = process.memoryUsage().rss
const started = performance.now()
const store = await api.createStore({ seed: 42, count })
const ms = performance.now() - started
globalThis.gc?.()
const { rss, heapUsed } = process.memoryUsage()
console.log(JSON.stringify({ count: store.customers.count(), ms: Math.round(ms), rssMb: Math.round(rss / 2 ** 20), heapMb: Math.round(heapUsed / 2 ** 20), baseRssMb: Math.round(before / 2 ** 20) }))
