/**
 * mockdesk/browser in a real Chromium: page code calls every registered API at the vendor's real
 * base URL with `fetch`, and msw's service worker answers from the page's stores. Each API gets
 * list → create → read back → delete → read again (fails) → bad request (the vendor's error),
 * derived from its spec by test/support/smoke-walk.ts; every answer is checked against the spec.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiIds, apis } from '../../src/apis/select-apis.ts'
import { documentedBaseUrl, listOperations } from '../../src/core/openapi-document.ts'
import { conformanceProblems } from '../support/spec-conformance.ts'
import { describeInChromium, launchChromium, type Chromium } from './support/chromium.ts'
import { serveWorkerPage } from './support/worker-page.ts'
import type { SmokeOptions, SmokeResult, Step, StepName } from '../support/smoke-walk.ts'

type TestWindow = {
  mockdeskTest: {
    smoke(id: string, options?: SmokeOptions): Promise<SmokeResult>
    counts(): Record<string, Record<string, number>>
    reset(seed?: number): Promise<void>
  }
}

async function problemsOf(id: string, step: Step): Promise<string[]> {
  const base = new URL(documentedBaseUrl(apis[id as keyof typeof apis].document)).pathname.replace(/\/$/, '')
  const path = new URL(step.url).pathname.slice(base.length)
  return conformanceProblems(id, step.method, path, { status: step.status, headers: new Headers(step.headers), text: step.text })
}

const describeStep = (step: Step | undefined) => (step ? `${step.method} ${step.url} → ${step.status} ${step.text.slice(0, 300)}` : 'not sent')

describeInChromium('mockdesk/browser in Chromium', () => {
  let chromium: Chromium
  let site: Awaited<ReturnType<typeof serveWorkerPage>>
  let page: Page
  /** Every response the page got from an API's host, and whether the service worker gave it. */
  const answered: Array<{ url: string; fromServiceWorker: boolean }> = []
  const failed: string[] = []

  const openPage = async (query = '') => {
    await page.goto(`${site.url}/${query}`)
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 })
  }

  beforeAll(async () => {
    ;[site, chromium] = await Promise.all([serveWorkerPage(), launchChromium()])
    page = await chromium.context.newPage()
    const hosts = new Set(apiIds.map((id) => new URL(documentedBaseUrl(apis[id].document)).host))
    page.on('response', (response) => {
      if (hosts.has(new URL(response.url()).host)) answered.push({ url: response.url(), fromServiceWorker: response.fromServiceWorker() })
    })
    page.on('requestfailed', (request) => failed.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`))
    page.on('pageerror', (error) => failed.push(`page error: ${error.message}`))
    await openPage()
  }, 120_000)

  afterAll(async () => {
    await chromium?.close()
    await site?.close()
  })

  for (const id of apiIds) {
    const api = apis[id]
    const hasDelete = listOperations(api.document).some((op) => op.method === 'delete')

    describe(id, () => {
      let result: SmokeResult
      const step = (name: StepName) => result.steps.find((s) => s.name === name)
      const expectStep = async (name: StepName, status: RegExp) => {
        const sent = step(name)
        expect(sent, `${name} was not sent: ${result.notes.join('; ')}`).toBeDefined()
        expect(String(sent!.status), describeStep(sent)).toMatch(status)
        expect(sent!.headers['content-type'] ?? '', `${name} got mockdesk's own error, not the vendor's: ${describeStep(sent)}`).not.toMatch(/problem\+json/)
        expect(await problemsOf(id, sent!), describeStep(sent)).toEqual([])
      }

      beforeAll(async () => {
        result = await page.evaluate((apiId) => (window as unknown as TestWindow).mockdeskTest.smoke(apiId), id)
      }, 60_000)

      it(`page code reaches ${documentedBaseUrl(api.document)} and the service worker answers`, () => {
        expect(result.steps.length).toBeGreaterThanOrEqual(4)
        for (const sent of result.steps) expect(sent.url.startsWith(result.baseUrl + '/')).toBe(true)
        const mine = answered.filter((response) => result.steps.some((sent) => sent.url === response.url))
        expect(mine.length).toBeGreaterThanOrEqual(result.steps.length)
        expect(mine.filter((response) => !response.fromServiceWorker)).toEqual([])
        expect(failed).toEqual([])
      })

      it('lists', () => expectStep('list', /^2/))
      it('creates', () => expectStep('create', /^2/))
      it('reads back what it created', () => expectStep('read', /^2/))
      it.skipIf(!hasDelete)('deletes it, and reading it again fails with the vendor error', async () => {
        await expectStep('delete', /^2/)
        await expectStep('read after delete', /^4/)
      })
      it('answers a bad request with the vendor error', () => expectStep('bad request', /^4/))
    })
  }

  describe('the vendor origins belong to the mock', () => {
    // Without owned-origin handlers these would go to the network (and fail here, offline):
    // a path outside the base path, and a `.json` one msw takes for a static asset.
    for (const id of apiIds) {
      const origin = new URL(documentedBaseUrl(apis[id].document)).origin
      it(`${origin}: an undocumented path gets mockdesk's own 404, never the network`, async () => {
        await openPage()
        const answer = await page.evaluate(async (url) => {
          const response = await fetch(url)
          return { status: response.status, type: response.headers.get('content-type'), body: await response.text() }
        }, `${origin}/not-a-documented-path.json`)
        expect(answer.status, answer.body).toBe(404)
        expect(answer.type).toMatch(/problem\+json/)
        expect(JSON.parse(answer.body).code).toBe('MOCKDESK_NO_ROUTE')
      })
    }
  })

  describe('state across reloads (persist)', () => {
    const counts = () => page.evaluate(() => (window as unknown as TestWindow).mockdeskTest.counts())

    it('keeps what page code created after a reload, and reset goes back to the seed', async () => {
      await openPage('?persist')
      const seeded = await counts()
      for (const id of apiIds) {
        const kept = await page.evaluate((apiId) => (window as unknown as TestWindow).mockdeskTest.smoke(apiId, { keep: true }), id)
        expect(kept.steps.find((s) => s.name === 'create')?.status, describeStep(kept.steps.at(-1))).toBeLessThan(300)
      }
      const changed = await counts()
      for (const id of apiIds) expect(changed[id], id).not.toEqual(seeded[id])

      await openPage('?persist')
      expect(await counts()).toEqual(changed)
      // Without persist, a page starts from the seed whatever was saved, and leaves it saved.
      await openPage()
      expect(await counts()).toEqual(seeded)
      await openPage('?persist')
      expect(await counts()).toEqual(changed)

      await page.evaluate(() => (window as unknown as TestWindow).mockdeskTest.reset())
      await openPage('?persist')
      expect(await counts()).toEqual(seeded)
    }, 120_000)
  })
})
