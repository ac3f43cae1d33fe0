/**
 * setupMockdeskWorker in Chromium with an msw outside the supported range (its package.json's
 * version, as the app's bundler reads it): refused with MOCKDESK_MSW_VERSION and the fix, before
 * any worker is registered; the bounds of the range start.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInChromium, launchChromium, type Chromium } from './support/chromium.ts'
import { serveWorkerPage } from './support/worker-page.ts'

const entry = 'test/browser/msw-version-page/main.ts'

describeInChromium('setupMockdeskWorker and the app’s msw version', () => {
  let browser: Chromium
  beforeAll(async () => {
    browser = await launchChromium()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
  })

  async function outcome(mswVersion: string) {
    const site = await serveWorkerPage(entry, { mswVersion })
    const page = await browser.context.newPage()
    try {
      await page.goto(site.url)
      await page.waitForFunction(() => document.body.dataset.outcome !== undefined, undefined, { timeout: 30_000 })
      const result = JSON.parse((await page.evaluate(() => document.body.dataset.outcome))!)
      const registrations = await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)
      return { ...result, registrations }
    } finally {
      await page.close()
      await site.close()
    }
  }

  it('refuses msw 3 and a 2.x below 2.7.0, registering no worker', async () => {
    for (const version of ['3.0.0', '2.6.0']) {
      const result = await outcome(version)
      expect(result, version).toMatchObject({ started: false, name: 'KitError', code: 'MOCKDESK_MSW_VERSION', fix: 'npm install --save-dev msw@^2.7.0', registrations: 0 })
      expect(result.message).toContain(`but this app has msw ${version}`)
    }
  }, 120_000)

  it('starts with the oldest supported msw version', async () => {
    expect(await outcome('2.7.0')).toMatchObject({ started: true, registrations: 1 })
  }, 60_000)
})
