/**
 * The msw releases mockdesk runs with (package.json's peer range, ^2.7.0), and the one check every
 * runtime makes against the app's msw: `setupMockdesk`, `setupMockdeskWorker`, `mockdesk init` and
 * the Vite plugin refuse any other with the same MOCKDESK_MSW_VERSION error and fix, before a
 * mismatched msw can fail in a way that names neither mockdesk nor the version.
 */
import { KitError } from './kit-error.ts'

export const supportedMsw = { range: '^2.7.0', major: 2, minor: 7 } as const

/** Throws MOCKDESK_MSW_VERSION unless `version` is in the supported range; `where` names the msw found. */
export function checkMswVersion(version: string, where?: string): void {
  const [major, minor] = version.split('.').map((part) => Number.parseInt(part, 10))
  if (major === supportedMsw.major && minor !== undefined && minor >= supportedMsw.minor) return
  const tooOld = major === supportedMsw.major
  throw new KitError(
    'MOCKDESK_MSW_VERSION',
    `MOCKDESK_MSW_VERSION: mockdesk supports msw ${supportedMsw.major}.x${tooOld ? ` from ${supportedMsw.major}.${supportedMsw.minor}.0` : ''}, ` +
      `but this app has msw ${version}${where ? ` (${where})` : ''}. Install a supported one: npm install --save-dev msw@${supportedMsw.range}`,
    `npm install --save-dev msw@${supportedMsw.range}`,
    { found: version, supported: supportedMsw.range },
  )
}
