/**
 * A Faker instance of mockdesk's own, seeded, with a fixed reference date: the same seed gives
 * the same data byte for byte in every runtime and on every day. The global `faker` is never used.
 */
import { Faker, base, en, type LocaleDefinition } from '@faker-js/faker'

/** "Now" for generated data: dates are spread before it, so they do not move with the clock. */
export const referenceDate = '2025-06-01T00:00:00Z'

export const defaultSeed = 42

/**
 * `locale` lists locale definitions, most specific first, for a vendor whose customers live
 * elsewhere (e.g. `[pt_BR, en, base]`); English by default.
 */
export function createFaker(seed: number, locale: LocaleDefinition[] = [en, base]): Faker {
  const faker = new Faker({ locale })
  faker.seed(seed)
  faker.setDefaultRefDate(referenceDate)
  return faker
}
