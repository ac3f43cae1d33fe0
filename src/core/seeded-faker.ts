/**
 * A Faker instance of mockdesk's own, seeded, with a fixed reference date: the same seed gives
 * the same data byte for byte in every runtime and on every day. The global `faker` is never used.
 */
import { Faker, base, en } from '@faker-js/faker'

/** "Now" for generated data: dates are spread before it, so they do not move with the clock. */
export const referenceDate = '2025-06-01T00:00:00Z'

export const defaultSeed = 42

export function createFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en, base] })
  faker.seed(seed)
  faker.setDefaultRefDate(referenceDate)
  return faker
}
