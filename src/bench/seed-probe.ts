/**
 * Seeds N TopTickets customers in a fresh process and prints the time taken and the memory held.
 * Beside the wall time it prints the CPU time of the seeding (`cpuMs`: on a shared machine the
 * wall time swings with the neighbours' load, the CPU time much less) and the peak RSS of the
 * whole run (`peakRssMb`), which the RSS read after a full collection (`rssMb`) can hide.
 */
import api from '../apis/toptickets/index.ts'

const count = Number(process.argv[2] ?? 1000)
const before = process.memoryUsage().rss
const cpuBefore = process.cpuUsage()
const started = performance.now()
const store = await api.createStore({ seed: 42, count })
const ms = performance.now() - started
const cpu = process.cpuUsage(cpuBefore)
globalThis.gc?.()
const { rss, heapUsed } = process.memoryUsage()
const mb = (bytes: number) => Math.round(bytes / 2 ** 20)
console.log(
  JSON.stringify({
    count: store.customers.count(),
    ms: Math.round(ms),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    rssMb: mb(rss),
    peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
    heapMb: mb(heapUsed),
    baseRssMb: mb(before),
  }),
)
