/**
 * Chromium for the browser tests: Debian's package at /usr/bin/chromium (or MOCKDESK_CHROMIUM),
 * driven by playwright-core. Without it the tests are skipped with a message saying how to get
 * it, unless MOCKDESK_REQUIRE_BROWSER=1 (as .ci/run sets): then a missing browser is a failure,
 * so CI can never pass by skipping them.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'
import { describe, it } from 'vitest'

export const chromiumPath = process.env.MOCKDESK_CHROMIUM ?? '/usr/bin/chromium'
export const hasChromium = existsSync(chromiumPath)
const required = process.env.MOCKDESK_REQUIRE_BROWSER === '1'
const missing = `no Chromium at ${chromiumPath}: install it (apt-get install -y chromium) or point MOCKDESK_CHROMIUM at one`

/** `describe` for a suite that needs Chromium: skipped (and said so) without it, failing in CI. */
export function describeInChromium(name: string, suite: () => void) {
  if (hasChromium) return describe(name, suite)
  if (required) {
    return describe(name, () => {
      it('has Chromium to run in (MOCKDESK_REQUIRE_BROWSER=1)', () => {
        throw new Error(`The browser tests must run here, but there is ${missing}.`)
      })
    })
  }
  console.warn(`[mockdesk] Skipping "${name}": ${missing}.`)
  return describe.skip(`${name} (skipped: ${missing})`, suite)
}

const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface Chromium {
  context: BrowserContext
  close(): Promise<void>
}

/** A fresh headless Chromium with its own profile (so no service worker or storage survives a run). */
export async function launchChromium(): Promise<Chromium> {
  const profile = mkdtempSync(path.join(tmpdir(), 'mockdesk-chromium-'))
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: flags })
  return {
    context,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
