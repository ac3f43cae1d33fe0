/**
 * Cheap seeded draws for seed generators that make many records: integers, choices, chances,
 * UUIDs and digit patterns straight from a seeded Faker's uniform draws (`drawsOf`), with none of
 * Faker's per-call option handling or template engine. Strings come out flat (one piece, not a
 * tree of the pieces they were built from) or shared, so a million records stay small.
 *
 * The numbers differ from what Faker's own methods would make of the same draws: a store that
 * moves its seed to these changes its data once, and stays deterministic per seed from then on.
 */
import type { Faker } from '@faker-js/faker'
import { drawsOf, uuidFrom } from './seeded-faker.ts'

/**
 * A pattern such as `+1-###-###-####`, each `#` a digit, filled from one number of as many digits
 * (one draw holds fifteen). The fillings of a pattern with at most four digits (a zip code such as
 * `941##`) are made once and shared.
 */
export class DigitPattern {
  /** How many fillings there are: 10 to the number of `#`. */
  readonly fillings: number
  /** The fixed text, and for each run of `#`, its length. */
  readonly #pieces: Array<string | number>
  readonly #digits: number
  readonly #shared: Array<string | undefined> | undefined

  constructor(text: string) {
    this.#pieces = text.split(/(#+)/).filter(Boolean).map((piece) => (piece.startsWith('#') ? piece.length : piece))
    this.#digits = text.split('#').length - 1
    if (this.#digits > 15) throw new Error(`The pattern ${text} has more digits than one draw holds (15)`)
    this.fillings = 10 ** this.#digits
    this.#shared = this.#digits <= 4 ? new Array(this.fillings) : undefined
  }

  /** The pattern filled with the digits of `value` (below `fillings`), in order. */
  fill(value: number): string {
    if (this.#shared) return (this.#shared[value] ??= this.#format(value))
    return this.#format(value)
  }

  #format(value: number): string {
    const digits = String(value).padStart(this.#digits, '0')
    let at = 0
    return this.#pieces.map((piece) => (typeof piece === 'string' ? piece : digits.slice(at, (at += piece)))).join('')
  }
}

/** The draws of one seeding, from `faker`'s: the Faker stands where the last of them left it. */
export class Draws {
  readonly next: () => number

  constructor(faker: Faker) {
    this.next = drawsOf(faker)
  }

  /** An integer from 0 to `n - 1`. */
  below(n: number): number {
    return Math.floor(this.next() * n)
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!
  }

  /** The pattern filled in: each `#` a digit. */
  fill(pattern: DigitPattern): string {
    return pattern.fill(this.below(pattern.fillings))
  }

  /**
   * A version 4 UUID (RFC 9562): 122 random bits from three draws, twelve hex digits (two halves
   * of 26 bits, 24 of them used) to a draw. Faker's `string.uuid()` spends a draw on each of its
   * 31 digits; a million records spent a sixth of their time on that.
   */
  uuid(): string {
    let high = 0
    let low = 0
    return uuidFrom((index) => {
      if (index % 12 === 0) {
        const draw = this.below(2 ** 52)
        high = Math.floor(draw / 2 ** 26)
        low = draw - high * 2 ** 26
      }
      let digit: number
      if (index % 12 < 6) {
        digit = high & 15
        high >>>= 4
      } else {
        digit = low & 15
        low >>>= 4
      }
      // The 31st is the variant: 0 to 3.
      return index < 30 ? digit : digit & 3
    })
  }
}
