/**
 * The msw mockdesk/node runs with is the app's own (a peer dependency): `setupMockdesk` checks its
 * version once per process, so an msw outside the supported range is refused with the fix
 * (MOCKDESK_MSW_VERSION) rather than failing somewhere inside msw.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { checkMswVersion } from '../core/msw-version.ts'

let checked = false

export function checkInstalledMsw(): void {
  if (checked) return
  // Resolved from here, as this package's own `import 'msw/node'` is.
  const file = createRequire(import.meta.url).resolve('msw/package.json')
  const { version } = JSON.parse(readFileSync(file, 'utf8')) as { version: string }
  checkMswVersion(version, path.dirname(file))
  checked = true
}
