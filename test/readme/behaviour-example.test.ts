// The README's "Simulate the real world" Node example, verbatim: if this file fails, the README is wrong.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { setupMockdesk } from 'mockdesk/node'

const mock = await setupMockdesk({
  apis: ['ticketsource'],
  config: { rateLimits: true, apis: { ticketsource: { rateLimits: { limit: 2, window: 1 } } } },
})
beforeAll(() => mock.listen())
afterAll(() => mock.close())

const customers = () => fetch('https://api.ticketsource.io/customers', { headers: { Authorization: 'Bearer skl-7kq2m9xw4p' } })

it('backs off as TicketSource says', async () => {
  await customers()
  await customers()
  const refused = await customers()
  expect(refused.status).toBe(429)
  await new Promise((resolve) => setTimeout(resolve, Number(refused.headers.get('retry-after')) * 1000))
  expect((await customers()).status).toBe(200)
})

it('shows an error when the connection drops', async () => {
  mock.behave({ faults: { reset: '100%' } })
  await expect(customers()).rejects.toThrow('Failed to fetch')
  mock.behave({})
})
