/** Shares of requests, as people write them: `0.05` or `"5%"`. */
import { KitError } from '../kit-error.ts'
import type { Rate } from './behaviour-settings.ts'

export function parseRate(rate: Rate, where: string): number {
  const value = typeof rate === 'string' && /^\s*\d+(?:\.\d+)?\s*%\s*$/.test(rate) ? Number.parseFloat(rate) / 100 : typeof rate === 'number' ? rate : Number.NaN
  if (!(value >= 0 && value <= 1)) {
    throw new KitError(
      'MOCKDESK_BAD_BEHAVIOUR',
      `${where} ${JSON.stringify(rate)} is not a rate: it must be a share of requests between 0 and 1 (0.05) or a percentage ("5%").`,
      'Write the rate as 0.05 or "5%".',
    )
  }
  return value
}
