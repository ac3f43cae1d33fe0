/**
 * Snapshots of every API's store (what mockdesk/browser keeps across reloads): a restored
 * mockdesk holds the same records, keeps making fresh ids (a record created after a reload never
 * gets the id of one created before it), and a snapshot that does not fit is refused.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { apiIds, apis } from '../../src/apis/select-apis.ts'
import { IndexedCollection } from '../../src/core/indexed-collection.ts'
import { createMockdesk, type Mockdesk, type MockdeskSnapshot } from '../../src/core/mockdesk.ts'
import { setupMockdesk, type MockdeskServer } from '../../src/node/index.ts'
import { runSmoke } from '../support/smoke-walk.ts'

const collections = (mockdesk: Mockdesk) =>
  mockdesk.apis.flatMap((api) => Object.entries(api.store as object).filter(([, value]) => value instanceof IndexedCollection)) as Array<
    [string, IndexedCollection<object>]
  >

const keysOf = (mockdesk: Mockdesk) =>
  new Map(collections(mockdesk).map(([name, collection]) => [name, new Set(collection.all().map((record) => collection.options.key(record)))]))

/** The keys in `now` that `then` did not have, per collection. */
const added = (now: ReturnType<typeof keysOf>, then: ReturnType<typeof keysOf>) =>
  new Map([...now].map(([name, keys]) => [name, new Set([...keys].filter((key) => !then.get(name)?.has(key)))]))

describe.each(apiIds)('%s', (id) => {
  let mock: MockdeskServer | undefined
  afterEach(() => mock?.close())

  /** A mockdesk for `id` intercepting fetch, after the smoke walk created a record and kept it. */
  async function withCreated(mockdesk?: Mockdesk) {
    mock = await setupMockdesk({ apis: [id], count: 20 })
    if (mockdesk) await mock.mockdesk.restore(mockdesk.snapshot())
    mock.listen({ onUnhandledRequest: 'error' })
    const walk = await runSmoke(apis[id], { keep: true })
    expect(walk.steps.find((step) => step.name === 'create')?.status, walk.notes.join('; ')).toBeLessThan(300)
    mock.close()
    return mock.mockdesk
  }

  it('restores the same records and counts from JSON', async () => {
    const before = await withCreated()
    const snapshot = JSON.parse(JSON.stringify(before.snapshot())) as MockdeskSnapshot
    const restored = await createMockdesk([apis[id]], { count: 20 })
    await restored.restore(snapshot)
    expect(restored.apis[0]!.definition.counts(restored.apis[0]!.store)).toEqual(before.apis[0]!.definition.counts(before.apis[0]!.store))
    expect(restored.snapshot().stores[id]!.collections).toEqual(snapshot.stores[id]!.collections)
  })

  it('never gives a record created after a restore the id of one created before it', async () => {
    const seeded = keysOf(await createMockdesk([apis[id]], { count: 20 }))
    const before = await withCreated()
    const createdBefore = added(keysOf(before), seeded)
    expect([...createdBefore.values()].some((keys) => keys.size > 0)).toBe(true)

    // Reload: restore, and take away what was created so its unique fields (emails, external ids)
    // are free again; the same request then creates a record that must still get a new id.
    const reloaded = await createMockdesk([apis[id]], { count: 20 })
    await reloaded.restore(before.snapshot())
    for (const [name, collection] of collections(reloaded)) for (const key of createdBefore.get(name) ?? []) collection.delete(key)
    const after = await withCreated(reloaded)
    const createdAfter = added(keysOf(after), keysOf(reloaded))
    expect([...createdAfter.values()].some((keys) => keys.size > 0)).toBe(true)
    for (const [name, keys] of createdAfter) {
      expect([...keys].filter((key) => createdBefore.get(name)?.has(key)), `${id}.${name}: ids given out twice`).toEqual([])
    }
  })

  it('refuses a snapshot whose records break the spec, and keeps its own state', async () => {
    const mockdesk = await createMockdesk([apis[id]], { count: 5 })
    const snapshot = mockdesk.snapshot()
    const [name] = Object.keys(snapshot.stores[id]!.collections)
    snapshot.stores[id]!.collections[name!] = [{ mockdesk: 'not a record' }]
    const before = JSON.stringify(mockdesk.snapshot())
    await expect(mockdesk.restore(snapshot)).rejects.toThrow()
    expect(JSON.stringify(mockdesk.snapshot())).toBe(before)
  })
})

it('refuses a snapshot made for other APIs', async () => {
  const mockdesk = await createMockdesk([apis[apiIds[0]!]], { count: 5 })
  await expect(mockdesk.restore({ seed: 1, stores: {} })).rejects.toThrow(/holds no APIs, but .* mounted/)
})
