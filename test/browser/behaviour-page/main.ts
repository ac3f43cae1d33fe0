/**
 * The behaviour test's page: mockdesk's service worker started from a mockdesk.config.json (as an
 * app would import it), and a timed fetch that page code runs, so latency and faults are seen by
 * the browser's own fetch.
 */
import { setupMockdeskWorker } from 'mockdesk/browser'
import config from './mockdesk.config.json'

const mock = await setupMockdeskWorker({ config: config as never })
await mock.start()

Object.assign(window, {
  mockdeskTest: {
    behave: (settings: never) => mock.behave(settings),
    async timed(url: string, headers: Record<string, string>) {
      const started = performance.now()
      let status: number | undefined
      let responseHeaders: Record<string, string> = {}
      try {
        const response = await fetch(url, { headers })
        status = response.status
        responseHeaders = Object.fromEntries(response.headers)
        const text = await response.text()
        return { ms: performance.now() - started, status, headers: responseHeaders, text }
      } catch (error) {
        return { ms: performance.now() - started, status, headers: responseHeaders, error: String(error) }
      }
    },
  },
})
document.body.dataset.ready = 'true'
document.body.textContent = 'mockdesk behaviour test page'
