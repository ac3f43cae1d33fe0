/** A page whose app has an msw outside mockdesk's range: records how setupMockdeskWorker refuses it. */
import { setupMockdeskWorker } from 'mockdesk/browser'

try {
  const mock = await setupMockdeskWorker({ apis: ['toptickets'] })
  await mock.start()
  document.body.dataset.outcome = JSON.stringify({ started: true })
} catch (error) {
  const { name, code, message, fix } = error as { name: string; code?: string; message: string; fix?: string }
  document.body.dataset.outcome = JSON.stringify({ started: false, name, code, message, fix })
}
