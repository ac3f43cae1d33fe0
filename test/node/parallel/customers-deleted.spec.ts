// Another file at the same time: the same create (a shared world would answer 409 for the e-mail)
// plus deletes the others must never see.
import { beforeEach, expect, inject, it } from 'vitest'
import { mockdeskSession } from 'mockdesk/node'

const session = mockdeskSession(inject('mockdeskUrl'))
const headers = { Authorization: 'Bearer tt_admin_9f3k2m7x4q8w1e6r5t0y3u2i9o8p7a6s', 'Content-Type': 'application/json' }
beforeEach(() => session.reset())

it('creates the same customer and deletes ten others, alone in its world', async () => {
  const created = await session.fetch('/toptickets/v1/customers', { method: 'POST', headers, body: JSON.stringify({ name: 'Ada Lovelace', email: 'ada@example.com' }) })
  expect(created.status).toBe(201)
  const first = (await (await session.fetch('/toptickets/v1/customers?limit=10', { headers })).json()) as Array<{ id: string }>
  for (const { id } of first) expect((await session.fetch(`/toptickets/v1/customers/${id}`, { method: 'DELETE', headers })).status).toBe(204)
  expect(await (await session.fetch('/toptickets/v1/customers?skip=100&limit=100', { headers })).json()).toHaveLength(41)
})

it('starts again from the seed after the reset', async () => {
  expect(await (await session.fetch('/toptickets/v1/customers?skip=100&limit=100', { headers })).json()).toHaveLength(50)
})
