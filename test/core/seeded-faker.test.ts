import { pt_BR, en, base } from '@faker-js/faker'
import { describe, expect, it } from 'vitest'
import { createFaker } from '../../src/core/seeded-faker.ts'

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
