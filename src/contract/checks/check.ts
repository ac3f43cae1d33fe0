import type { Exchange } from '../exchange.ts'
import type { CheckResult } from '../failure.ts'
import type { Spec } from '../spec.ts'

/** Every check has this one signature: a pure function of an exchange (and the spec). */
export type Check = (exchange: Exchange, spec: Spec) => CheckResult
