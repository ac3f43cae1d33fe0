/**
 * Images and worlds: a world is a copy-on-write fork of the seeded images, isolated from every
 * other world, byte-identical to what seeding from scratch gives (records and the ids it makes
 * next), and refused writes beyond its record quota with mockdesk's own error.
 */
import { generateMersenne53Randomizer } from '@faker-js/faker'
import { describe, expect, it } from 'vitest'
import { apiIds, apis } from '../../src/apis/select-apis.ts'
import type { ApiDefinition } from '../../src/core/define-api.ts'
import { forkStore, imageOf, sealStore } from '../../src/core/image.ts'
import { IndexedCollection } from '../../src/core/indexed-collection.ts'
import { KitError } from '../../src/core/kit-error.ts'
import { MersenneTwister } from '../../src/core/mersenne-twister.ts'
import { createFaker, forkFaker } from '../../src/core/seeded-faker.ts'
import { exportStore } from '../../src/core/store-snapshot.ts'
import { createWorld } from '../../src/core/world.ts'
import type { Store as TopTicketsStore } from '../../src/apis/toptickets/store.ts'

const definitions = Object.values(apis)
const customer = (id: string) => ({
  id,
  name: 'Ada Lovelace',
  email: `${id.slice(0, 8)}@example.com`,
  company: null, department: null, title: null, customer_tier: 'tier_3', contact_number: null, pronoun: null,
  location_country: null, location_city: null, location_state: null, location_zip: null, location_address: null,
  region: null, timezone: null, account_value: '10.00', has_premium_support: false, is_vip: false,
  social_linkedin: null, social_website: null, social_github: null, notes: null,
  created_at: '2025-06-01T00:00:00Z', updated_at: '2025-06-01T00:00:00Z',
})

describe('the Mersenne Twister mockdesk forks', () => {
  it('draws exactly the numbers Faker’s own default randomizer draws', () => {
    for (const seed of [0, 1, 42, 1_000_045, 2 ** 40 + 7, -3, 4294967295]) {
      const faker = generateMersenne53Randomizer(seed)
      const ours = new MersenneTwister(seed)
      // 1,500 floats = 3,000 32-bit outputs: several twists of the 624-word state.
      const theirs = Array.from({ length: 1500 }, () => faker.next())
      expect(Array.from({ length: 1500 }, () => ours.nextF53())).toEqual(theirs)
    }
  })

  it('forks a Faker that goes on exactly where the original stands, independently', () => {
    const faker = createFaker(7)
    faker.string.uuid()
    const fork = forkFaker(faker)
    const next = [fork.string.uuid(), fork.person.fullName()]
    expect([faker.string.uuid(), faker.person.fullName()]).toEqual(next)
  })
})

describe.each(apiIds)('a world of %s', (id) => {
  const api = apis[id] as ApiDefinition

  it('holds byte for byte what seeding from scratch holds, and makes the same ids next', async () => {
    const image = await imageOf(api, 42, 20)
    const fork = forkStore(image.store as object)
    const fresh = (await api.createStore({ seed: 42, count: 20 })) as object
    expect(JSON.stringify(exportStore(fork))).toBe(JSON.stringify(exportStore(fresh)))
    const faker = (store: object) => (store as { faker: { string: { uuid(): string } } }).faker
    expect(faker(fork).string.uuid()).toBe(faker(fresh).string.uuid())
  })

  it('builds the image once per seed and count', async () => {
    expect(await imageOf(api, 42, 20)).toBe(await imageOf(api, 42, 20))
    expect(await imageOf(api, 43, 20)).not.toBe(await imageOf(api, 42, 20))
  })
})

describe('worlds', () => {
  it('never see each other’s writes, and never change the image', async () => {
    const [a, b] = await Promise.all([createWorld(definitions, { seed: 42, name: 'a' }), createWorld(definitions, { seed: 42, name: 'b' })])
    const storeA = a.store('toptickets') as TopTicketsStore
    const storeB = b.store('toptickets') as TopTicketsStore
    const before = storeB.customers.count()
    const [first] = storeA.customers.all()
    await storeA.customers.create(customer('00000000-0000-4000-8000-000000000001') as never)
    await storeA.customers.update(first!.id, (draft) => void (draft.is_vip = !first!.is_vip))
    storeA.customers.delete(storeA.customers.all()[1]!.id)
    expect(storeA.customers.count()).toBe(before)
    expect(storeB.customers.count()).toBe(before)
    expect(storeB.customers.get('00000000-0000-4000-8000-000000000001')).toBeUndefined()
    expect(storeB.customers.get(first!.id)!.is_vip).toBe(first!.is_vip)
    const image = (await imageOf(apis.toptickets, 42)).store as TopTicketsStore
    expect(image.customers.get(first!.id)!.is_vip).toBe(first!.is_vip)
    expect(() => image.customers.delete(first!.id)).toThrow(/image/)
    expect(() => ((image.customers.get(first!.id) as { name: string }).name = 'x')).toThrow(TypeError)
  })

  it('reset goes back to the seeded data; the version moves on every change', async () => {
    const world = await createWorld(definitions, { seed: 42 })
    const seeded = JSON.stringify(world.snapshot())
    const version = world.version
    const store = world.store('toptickets') as TopTicketsStore
    store.customers.delete(store.customers.all()[0]!.id)
    expect(world.version).toBeGreaterThan(version)
    expect(JSON.stringify(world.snapshot())).not.toBe(seeded)
    const changed = world.version
    await world.reset()
    expect(world.version).toBeGreaterThan(changed)
    expect(JSON.stringify(world.snapshot())).toBe(seeded)
  })

  it('tells its listeners each change and each replacement', async () => {
    const world = await createWorld([apis.toptickets], { seed: 42 })
    const events: unknown[] = []
    world.listen((event) => events.push(event))
    const store = world.store('toptickets') as TopTicketsStore
    const id = store.customers.all()[0]!.id
    store.customers.delete(id)
    await world.reset()
    expect(events).toEqual([
      { type: 'change', api: 'toptickets', collection: 'customers', change: { type: 'delete', key: id } },
      { type: 'replaced', reason: 'reset' },
    ])
  })

  it('refuses a create beyond its record quota with MOCKDESK_SESSION_QUOTA and changes nothing', async () => {
    const world = await createWorld([apis.toptickets], { seed: 42, count: 5, recordQuota: 6, name: 'tenant-1' })
    const store = world.store('toptickets') as TopTicketsStore
    await store.customers.create(customer('00000000-0000-4000-8000-000000000001') as never)
    const refused = await store.customers.create(customer('00000000-0000-4000-8000-000000000002') as never).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(KitError)
    expect((refused as KitError).code).toBe('MOCKDESK_SESSION_QUOTA')
    expect((refused as KitError).message).toContain('tenant-1')
    expect(store.customers.count()).toBe(6)
  })

  it('refuses to seal a store that keeps behaviour in closures (a fork would write to the image)', () => {
    const collection = new IndexedCollection<{ id: string }>({ schema: { '~standard': { version: 1, vendor: 't', validate: (value) => ({ value: value as { id: string } }) } }, key: (r) => r.id })
    expect(() => sealStore({ collection, add: () => collection.create({ id: 'x' }) }, 'example')).toThrow(/closure/)
  })
})
