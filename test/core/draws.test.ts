import { describe, expect, it } from 'vitest'
import { DigitPattern, Draws } from '../../src/core/draws.ts'
import { createFaker, forkFaker } from '../../src/core/seeded-faker.ts'

describe('DigitPattern', () => {
  it('fills each # with the digits of the value, in order, keeping the rest', () => {
    expect(new DigitPattern('+1-###-###-####').fill(123_456_7890)).toBe('+1-123-456-7890')
    expect(new DigitPattern('EC#A #AA').fill(7)).toBe('EC0A 7AA')
    expect(new DigitPattern('M5V #A#').fill(42)).toBe('M5V 4A2')
    expect(new DigitPattern('+1-###-###-####').fillings).toBe(1e10)
  })

  it('makes each filling of a short pattern once and shares it', () => {
    const zip = new DigitPattern('941##')
    expect(zip.fill(3)).toBe('94103')
    expect(zip.fill(3)).toBe(zip.fill(3))
  })

  it('refuses a pattern with more digits than one draw holds', () => {
    expect(() => new DigitPattern('#'.repeat(16))).toThrow(/more digits than one draw holds/)
  })
})

describe('Draws', () => {
  it('draws the same values for the same seed, from where the Faker stands, and moves it on', () => {
    const take = (draws: Draws) => [draws.uuid(), draws.below(1000), draws.pick(['a', 'b', 'c']), draws.chance(0.5), draws.fill(new DigitPattern('+1-###-###-####'))]
    const faker = createFaker(7)
    const fork = forkFaker(faker)
    const first = take(new Draws(faker))
    expect(take(new Draws(fork))).toEqual(first)
    expect(take(new Draws(faker))).not.toEqual(first)
  })

  it('makes version 4 UUIDs (RFC 9562 variant) that do not repeat', () => {
    const draws = new Draws(createFaker(1))
    const ids = Array.from({ length: 20_000 }, () => draws.uuid())
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(new Set(ids).size).toBe(ids.length)
    // Every hex digit shows up in every random position.
    for (const slot of [0, 7, 9, 15, 20, 24, 35]) expect(new Set(ids.map((id) => id[slot])).size, `position ${slot}`).toBe(16)
    expect(new Set(ids.map((id) => id[19]))).toEqual(new Set(['8', '9', 'a', 'b']))
  })
})
