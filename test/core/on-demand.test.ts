/**
 * Worlds and mockdesks made on demand (the HTTP server's): an API's code is loaded, and its store
 * made, when a request first needs it. Nothing observable differs from loading everything up
 * front: the same bytes for the same requests, the same data after a reset or a restore, the same
 * health report; and an API nobody called is not loaded at all.
 */
import { describe, expect, it } from 'vitest'
import keys from '../../fixtures/toptickets/keys.json'
import { apiIds, lazyApis } from '../../src/apis/load-apis.ts'
import { apis } from '../../src/apis/select-apis.ts'
import type { ApiLoader } from '../../src/core/api-loader.ts'
import { createFetchApp } from '../../src/core/fetch-app.ts'
import { createMockdesk } from '../../src/core/mockdesk.ts'
import { createWorld, World } from '../../src/core/world.ts'

const topTickets = apiIds.indexOf('toptickets')
const auth = { authorization: `Bearer ${keys[0]!.key}` }

/** The registry's loaders, counting the imports each is asked for. */
function countedLoaders() {
  const calls: Record<string, number> = {}
  const loaders = lazyApis().map((loader): ApiLoader => ({ ...loader, load: () => ((calls[loader.id] = (calls[loader.id] ?? 0) + 1), loader.load()) }))
  return { loaders, calls }
}

describe('a world made on demand', () => {
  it('makes only the stores asked for, each the same as a world made at once', async () => {
    const { loaders, calls } = countedLoaders()
    const world = new World(loaders, [], { seed: 42 })
    expect(world.complete).toBe(false)
    expect(() => world.storeAt(topTickets)).toThrow(/not made yet/)
    expect(() => world.snapshot()).toThrow(/not made yet/)

    await world.prepare(topTickets)
    expect(Object.keys(calls)).toEqual(['toptickets'])
    expect(apiIds.filter((_, index) => world.hasStore(index))).toEqual(['toptickets'])

    await world.prepareAll()
    const eager = await createWorld(Object.values(apis), { seed: 42 })
    expect(JSON.stringify(world.snapshot()) === JSON.stringify(eager.snapshot())).toBe(true)
  })

  it('resets a store not made yet to the new seed’s data, and restores into one', async () => {
    const world = new World(lazyApis(), [], { seed: 42 })
    await world.prepare(topTickets)
    await world.reset(7)
    // A store made after the reset is the new seed's, as one reset at once would be.
    await world.prepareAll()
    const eager = await createWorld(Object.values(apis), { seed: 42 })
    await eager.reset(7)
    expect(world.seed).toBe(7)
    expect(JSON.stringify(world.snapshot()) === JSON.stringify(eager.snapshot())).toBe(true)

    const saved = eager.snapshot()
    const restored = new World(lazyApis(), [], { seed: 42 })
    await restored.restore(saved)
    await eager.restore(saved)
    expect(restored.complete).toBe(true)
    expect(JSON.stringify(restored.snapshot()) === JSON.stringify(eager.snapshot())).toBe(true)
  })

  it('makes a store once however many requests ask for it at the same time', async () => {
    const { loaders, calls } = countedLoaders()
    const world = new World(loaders, [], { seed: 42 })
    const stores = await Promise.all([world.prepare(topTickets), world.prepare(topTickets), world.prepare(topTickets)])
    expect(new Set(stores).size).toBe(1)
    expect(calls.toptickets).toBe(1)
  })
})

describe('a mockdesk made on demand', () => {
  const base = (api: { id: string; documentedBaseUrl: string }) => `/${api.id}${new URL(api.documentedBaseUrl).pathname.replace(/\/$/, '')}`
  const request = (path: string, init?: RequestInit) => new Request(`http://127.0.0.1${path}`, init)

  it('answers byte for byte as one loaded at once, loading only the API called', async () => {
    const { loaders, calls } = countedLoaders()
    const onDemand = await createMockdesk(loaders, { base, onDemand: true })
    const atOnce = await createMockdesk(Object.values(apis), { base })
    expect(calls).toEqual({})
    const lazyApp = createFetchApp(onDemand)
    const eagerApp = createFetchApp(atOnce)

    for (const path of ['/toptickets/v1/customers?limit=3', '/toptickets/v1/customers?limit=3&skip=140']) {
      const [lazy, eager] = await Promise.all([lazyApp(request(path, { headers: auth })), eagerApp(request(path, { headers: auth }))])
      expect(lazy.status).toBe(200)
      expect([...lazy.headers]).toEqual([...eager.headers])
      expect(await lazy.text()).toBe(await eager.text())
    }
    expect(Object.keys(calls)).toEqual(['toptickets'])
    expect(() => onDemand.apis[0]!.definition).toThrow(/not loaded yet/)

    // A path no API serves needs no API loaded.
    const miss = await lazyApp(request('/nowhere'))
    expect(await miss.json()).toEqual(await (await eagerApp(request('/nowhere'))).json())
    expect(Object.keys(calls)).toEqual(['toptickets'])

    // The control plane reads every API: it loads the rest first.
    const health = await lazyApp(request('/__mockdesk/health'))
    expect(await health.text()).toBe(await (await eagerApp(request('/__mockdesk/health'))).text())
    expect(Object.keys(calls).sort()).toEqual([...apiIds].sort())
  })

  it('checks behaviour settings against every API, loading them first', async () => {
    const onDemand = await createMockdesk(lazyApis(), { base, onDemand: true, behaviour: { apis: { toptickets: { operations: { listCustomers: { latency: 1 } } } } } })
    expect(onDemand.world.complete).toBe(true)
    await expect(createMockdesk(lazyApis(), { base, onDemand: true, behaviour: { apis: { toptickets: { operations: { nope: { latency: 1 } } } } } })).rejects.toThrow(/no operation "nope"/)
  })
})
