/**
 * A page that seeds TopTickets' customers in the browser, as mockdesk/browser does, and publishes
 * the SHA-256 of each seeded store's records (JSON) for the test to compare with Node's.
 */
import { setupMockdeskWorker } from 'mockdesk/browser'

const cases = JSON.parse(new URLSearchParams(location.search).get('cases') ?? '[]') as Array<{ seed: number; count: number }>
const mock = await setupMockdeskWorker({ apis: ['toptickets'] })
const toptickets = mock.mockdesk.apis[0]!.definition

async function digest(seed: number, count: number): Promise<string> {
  const store = (await toptickets.createStore({ seed, count })) as { customers: { all(): unknown[] } }
  const bytes = new TextEncoder().encode(JSON.stringify(store.customers.all()))
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

const digests: string[] = []
for (const { seed, count } of cases) digests.push(await digest(seed, count))
document.body.dataset.digests = JSON.stringify(digests)
