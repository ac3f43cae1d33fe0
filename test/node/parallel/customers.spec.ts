// customers.test.ts (every test file, in parallel, in a session of its own)
import { beforeEach, expect, inject, it } from 'vitest'
import { mockdeskSession } from 'mockdesk/node'

const session = mockdeskSession(inject('mockdeskUrl'))
const headers = { Authorization: 'Bearer tt_admin_9f3k2m7x4q8w1e6r5t0y3u2i9o8p7a6s', 'Content-Type': 'application/json' }
beforeEach(() => session.reset())

it('creates a customer that no other test file sees', async () => {
  const created = await session.fetch('/toptickets/v1/customers', {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: 'Ada Lovelace', email: 'ada@example.com' }),
  })
  expect(created.status).toBe(201)
  const lastPage = await session.fetch('/toptickets/v1/customers?skip=100&limit=100', { headers })
  expect(await lastPage.json()).toHaveLength(51) // 150 seeded + Ada
})
