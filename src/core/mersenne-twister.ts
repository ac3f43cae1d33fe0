/**
 * The 32-bit Mersenne Twister (MT19937) exactly as `@faker-js/faker` 10 implements it for its
 * default randomizer (`generateMersenne53Randomizer`: two 32-bit outputs make one 53-bit float),
 * with one addition Faker's own lacks: its state can be copied. That is what makes a world a
 * fork of its image in microseconds: the image's Faker state is copied, not replayed.
 * A test draws from this and from Faker's own side by side and requires the same numbers.
 */
const matrixA = 0x9908b0df
const upperMask = 0x80000000
const lowerMask = 0x7fffffff
const size = 624

function initialState(seed: number): Uint32Array {
  const state = new Uint32Array(size)
  state[0] = seed
  for (let index = 1; index < size; index++) {
    const previous = state[index - 1]! ^ (state[index - 1]! >>> 30)
    state[index] = Math.trunc(Math.imul(1812433253, previous) + index)
  }
  return state
}

const shift = 397

// The reference loop's `(index + 1) % size` and `(index + shift) % size`, in three runs that need
// no remainder: a twist every 312 draws was 6% of seeding a million customers with the remainders.
function twist(state: Uint32Array): void {
  let index = 0
  for (; index < size - shift; index++) state[index] = mixed(state, index, index + 1, index + shift)
  for (; index < size - 1; index++) state[index] = mixed(state, index, index + 1, index + shift - size)
  state[index] = mixed(state, index, 0, shift - 1)
}

function mixed(state: Uint32Array, index: number, following: number, far: number): number {
  const bits = (state[index]! & upperMask) + (state[following]! & lowerMask)
  return state[far]! ^ (bits >>> 1) ^ (-(bits & 1) & matrixA)
}

export class MersenneTwister {
  #state: Uint32Array
  #index: number

  constructor(seed: number | { state: Uint32Array; index: number }) {
    if (typeof seed === 'number') {
      this.#state = initialState(seed)
      twist(this.#state)
      this.#index = 0
    } else {
      this.#state = seed.state.slice()
      this.#index = seed.index
    }
  }

  nextU32(): number {
    let value = this.#state[this.#index]!
    value ^= value >>> 11
    value ^= (value << 7) & 0x9d2c5680
    value ^= (value << 15) & 0xefc60000
    value ^= value >>> 18
    if (++this.#index >= size) {
      twist(this.#state)
      this.#index = 0
    }
    return value >>> 0
  }

  /** A float in [0, 1) from 53 random bits, as Faker's default randomizer makes it. */
  nextF53(): number {
    const high = this.nextU32() >>> 5
    const low = this.nextU32() >>> 6
    return (high * 67108864 + low) * 1.1102230246251565e-16
  }

  /** An independent twister that goes on exactly as this one would. */
  clone(): MersenneTwister {
    return new MersenneTwister({ state: this.#state, index: this.#index })
  }
}
