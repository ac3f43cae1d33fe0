/**
 * A Faker instance of mockdesk's own, seeded, with a fixed reference date: the same seed gives
 * the same data byte for byte in every runtime and on every day. The global `faker` is never used.
 *
 * Its randomizer draws the very numbers Faker's default one does (`mersenne-twister.ts`), but its
 * state can be copied: `forkFaker` gives an independent Faker that goes on exactly where another
 * stands, which is what a world forked from an image needs, in microseconds.
 */
import { Faker, mergeLocales, type LocaleDefinition, type Randomizer } from '@faker-js/faker'
import { base } from '../generated/faker-locale-base.ts'
import { en } from '../generated/faker-locale-en.ts'
import { MersenneTwister } from './mersenne-twister.ts'

/** "Now" for generated data: dates are spread before it, so they do not move with the clock. */
export const referenceDate = '2025-06-01T00:00:00Z'

export const defaultSeed = 42

class ForkableRandomizer implements Randomizer {
  constructor(public twister: MersenneTwister) {}
  // Faker calls these unbound, hence arrow functions.
  next = (): number => this.twister.nextF53()
  seed = (seed: number | number[]): void => {
    if (typeof seed !== 'number') throw new Error('mockdesk seeds Faker with one number')
    this.twister = new MersenneTwister(seed)
  }
}

interface FakerSource {
  locale: LocaleDefinition
  randomizer: ForkableRandomizer
}

const sources = new WeakMap<Faker, FakerSource>()
// Merging locale definitions is half the cost of a new Faker: done once per locale list.
const merged = new WeakMap<LocaleDefinition[], LocaleDefinition>()

function fakerFrom(twister: MersenneTwister, locale: LocaleDefinition): Faker {
  const randomizer = new ForkableRandomizer(twister)
  const faker = new Faker({ locale, randomizer })
  faker.setDefaultRefDate(referenceDate)
  sources.set(faker, { locale, randomizer })
  return faker
}

const defaultLocale = [en, base]

/**
 * `locale` lists locale definitions, most specific first, for a vendor whose customers live
 * elsewhere (e.g. `[pt_BR, en, base]`); English by default.
 */
export function createFaker(seed: number, locale: LocaleDefinition[] = defaultLocale): Faker {
  let definition = merged.get(locale)
  if (!definition) merged.set(locale, (definition = mergeLocales(locale)))
  return fakerFrom(new MersenneTwister(seed), definition)
}

/** An independent Faker that draws exactly the numbers `faker` would draw next. */
export function forkFaker(faker: Faker): Faker {
  return forkFakerLazily(faker)()
}

/** Is this value a Faker `createFaker` made (and so one that can be forked)? */
export const isSeededFaker = (value: unknown): value is Faker => value instanceof Faker && sources.has(value)

/**
 * Like `forkFaker`, but the Faker itself is built on first use: its state is copied now (a few
 * microseconds), while building a Faker costs most of a millisecond, which a world that never
 * creates a record need not pay.
 */
export function forkFakerLazily(faker: Faker): () => Faker {
  const source = sources.get(faker)
  if (!source) throw new Error('forkFaker: this Faker was not made by createFaker')
  const twister = source.randomizer.twister.clone()
  let fork: Faker | undefined
  return () => (fork ??= fakerFrom(twister, source.locale))
}

/**
 * The uniform draws in [0, 1) behind `faker`: the very numbers its own methods would consume, in
 * the same order. A generator that draws from fixed lists needs nothing else of Faker, and skips
 * its template engine and per-call option handling (a third of seeding TopTickets' customers).
 */
export function drawsOf(faker: Faker): () => number {
  return sources.get(faker)?.randomizer.next ?? (() => faker.number.float())
}

const hexDigits = '0123456789abcdef'

/**
 * A version 4 UUID drawn exactly as `faker.string.uuid()` draws it: the same numbers in the same
 * order (its template's 30 random hex digits left to right, then the variant digit, each as
 * `faker.number.int` turns a draw into an integer), so the same seed gives the same ids. Faker
 * makes each digit through three calls of its number module: 3.8 µs a UUID against 1.4 µs here
 * (micro-benchmark), on every created TopTickets customer. (Seeded ones take theirs from
 * draws.ts, three draws a UUID.)
 */
export function uuidOf(faker: Faker): string {
  const source = sources.get(faker)
  if (!source) return faker.string.uuid()
  const next = source.randomizer.next
  return uuidFrom((index) => Math.floor(next() * (index < 30 ? 16 : 4)))
}

const hexCodes = Array.from(hexDigits, (digit) => digit.charCodeAt(0))
// xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx: where each of the 30 random digits goes.
const uuidDigitSlots = [...Array(36).keys()].filter((slot) => ![8, 13, 14, 18, 19, 23].includes(slot))
const uuidCodes = Array.from('xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx', (char) => char.charCodeAt(0))

/**
 * A version 4 UUID as one flat string: `digit(index)` gives its 30 random hex digits in template
 * order (index 0 to 29, each 0 to 15), then the variant (index 30, 0 to 3: 8, 9, a or b); the fixed
 * characters (hyphens, the version 4) are already in place. A template over slices would leave a
 * tree of a dozen string pieces per id (about 370 bytes against 56) until something flattens it.
 */
export function uuidFrom(digit: (index: number) => number): string {
  const codes = uuidCodes
  for (let i = 0; i < 30; i++) codes[uuidDigitSlots[i]!] = hexCodes[digit(i)]!
  codes[19] = hexCodes[8 + digit(30)]!
  return String.fromCharCode.apply(null, codes)
}
