import { pt_BR, en, base } from '@faker-js/faker'
import { describe, expect, it } from 'vitest'
import { createFaker, uuidOf } from '../../src/core/seeded-faker.ts'

describe('createFaker', () => {
  it('speaks the locale asked for, English by default, and stays deterministic per seed', () => {
    const states = (seed: number) => {
      const faker = createFaker(seed, [pt_BR, en, base])
      return Array.from({ length: 20 }, () => faker.location.state())
    }
    expect(states(5)).toEqual(states(5))
    for (const state of states(5)) expect(pt_BR.location!.state).toContain(state)
    expect(en.location!.state).toContain(createFaker(5).location.state())
  })
})

describe('uuidOf', () => {
  it('draws the very UUIDs faker.string.uuid() draws, and leaves the Faker where it would', () => {
    for (const seed of [1, 42, 977]) {
      const ours = createFaker(seed)
      const fakers = createFaker(seed)
      const drawn = Array.from({ length: 2000 }, (_, i) => (i % 3 === 0 ? [ours.person.firstName(), fakers.person.firstName()] : [uuidOf(ours), fakers.string.uuid()]))
      for (const [mine, theirs] of drawn) expect(mine).toBe(theirs)
      expect(ours.string.alphanumeric(20)).toBe(fakers.string.alphanumeric(20))
    }
    expect(uuidOf(createFaker(5))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})
