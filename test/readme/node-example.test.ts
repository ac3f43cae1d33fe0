// The README's Node example, verbatim: if this file fails, the README is wrong.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { setupMockdesk } from 'mockdesk/node'

const mock = await setupMockdesk({ apis: ['toptickets'], seed: 42 })
beforeAll(() => mock.listen())
beforeEach(() => mock.reset())
afterAll(() => mock.close())

it('lists customers', async () => {
  const response = await fetch('https://api.toptickets.app/v1/customers?limit=2', {
    headers: { Authorization: 'Bearer tt_admin_9f3k2m7x4q8w1e6r5t0y3u2i9o8p7a6s' },
  })
  expect(await response.json()).toHaveLength(2)
  expect(mock.store('toptickets').customers.count()).toBe(150)
})
