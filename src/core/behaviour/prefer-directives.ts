/**
 * Behaviour for one request, asked for in its `Prefer` header (RFC 7240 preferences, beside
 * Prism's `code=`): `Prefer: delay=500` waits 500 ms before answering, `Prefer: fault=reset`
 * injects one fault. Both can be combined (`fault=hang, delay=2000` hangs for two seconds).
 */
import { KitError } from '../kit-error.ts'
import { faultKinds, type FaultKind } from './behaviour-settings.ts'

export interface PreferDirectives {
  delay?: number
  fault?: FaultKind
}

/** The longest `Prefer: delay=` honoured: beyond it, clients time out and the mock looks broken. */
export const maxPreferredDelay = 120_000

export function preferDirectives(prefer: string): PreferDirectives {
  const directives: PreferDirectives = {}
  const delay = /(?:^|[,;\s])delay=([^,;\s]*)/i.exec(prefer)?.[1]
  if (delay !== undefined) {
    if (!/^\d+$/.test(delay) || Number(delay) > maxPreferredDelay) {
      throw new KitError(
        'MOCKDESK_BAD_BEHAVIOUR',
        `Prefer: delay=${delay} is not a delay mockdesk honours: it must be whole milliseconds from 0 to ${maxPreferredDelay}.`,
        'Send e.g. Prefer: delay=500.',
      )
    }
    directives.delay = Number(delay)
  }
  const fault = /(?:^|[,;\s])fault=([^,;\s]*)/i.exec(prefer)?.[1]
  if (fault !== undefined) {
    if (!(faultKinds as readonly string[]).includes(fault)) {
      throw new KitError(
        'MOCKDESK_BAD_BEHAVIOUR',
        `Prefer: fault=${fault} is not a fault mockdesk knows.`,
        `Ask for one of: ${faultKinds.join(', ')} (e.g. Prefer: fault=reset).`,
        { faults: faultKinds },
      )
    }
    directives.fault = fault as FaultKind
  }
  return directives
}
