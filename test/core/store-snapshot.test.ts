/**
 * Snapshots of every API's store (what mockdesk/browser keeps across reloads): a restored
 * mockdesk holds the same records, keeps making fresh ids (no record created after a reload
 * collides with one created before it), and a snapshot that does not fit is refused.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { apiIds, apis } from '../../src/apis/select-apis.ts'
import { IndexedCollection } from '../../src/core/indexed-collection.ts'
import { createMockdesk, type Mockdesk, type MockdeskSnapshot } from '../../src/core/mockdesk.ts'
import { setupMockdesk, type MockdeskServer } from '../../src/node/index.ts'
import { runSmoke } from '../support/smoke-walk.ts'

const collections = (mockdesk: Mockdesk) =>
  mockdesk.apis.flatMap((api) => Object.entries(api.store as object).filter(([, value]) => value instanceof IndexedCollection)) as Array<
    [string, IndexedCollection<object>]
  >

describe.each(apiIds)('%s', (id) => {
  let mock: MockdeskServer | undefined
  afterEach(() => mock?.close())

  /** A mockdesk for `id` intercepting fetch, after the smoke walk created a record and kept it. */
  async function withCreated(mockdesk?: Mockdesk) {
    mock = await setupMockdesk({ apis: [id], count: 20 })
    if (mockdesk) await mock.mockdesk.restore(mockdesk.snapshot())
    mock.listen({ onUnhandledRequest: 'error' })
    const walk = await runSmoke(apis[id], { keep: true, seed: mockdesk ? 2 : 1 })
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

  it('makes fresh ids after a restore: nothing created later collides with what was there', async () => {
    const first = await withCreated()
    const again = await withCreated(first)
    for (const [name, collection] of collections(again)) {
      const keys = collection.all().map((record) => collection.options.key(record as never))
      expect(new Set(keys).size, `${id}.${name} has duplicate ids`).toBe(keys.length)
    }
    const total = (m: Mockdesk) => Object.values(m.apis[0]!.definition.counts(m.apis[0]!.store)).reduce((a, b) => a + b, 0)
    expect(total(again)).toBeGreaterThan(total(first))
  })

  it('refuses a snapshot whose records break the spec, and keeps its own state', async () => {
    const mockdesk = await createMockdesk([apis[id]], { count: 5 })
    const snapshot = mockdesk.snapshot()
    const [name] = Object.keys(snapshot.stores[id]!.collections)
    snapshot.stores[id]!.collections[name!] = [{ mockdesk: 'not a record' }]
    const before = JSON.stringify(mockdesk.snapshot())
    // @msw/data prints the schema's complaints before throwing; the throw is what counts here.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
    await expect(mockdesk.restore(snapshot)).rejects.toThrow()
    quiet.mockRestore()
    expect(JSON.stringify(mockdesk.snapshot())).toBe(before)
  })
})

it('refuses a snapshot made for other APIs', async () => {
  const mockdesk = await createMockdesk([apis[apiIds[0]!]], { count: 5 })
  await expect(mockdesk.restore({ seed: 1, stores: {} })).rejects.toThrow(/holds no APIs, but .* mounted/)
})
