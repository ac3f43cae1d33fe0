import { describe, expect, it } from 'vitest'
import keys from '../../../fixtures/toptickets/keys.json'
import { describeHosts } from '../../support/hosts.ts'

const [admin, readOnly, agent] = keys.map((entry) => ({ authorization: `Bearer ${entry.key}` }))
const johnDoe = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'
const unknownId = '00000000-0000-4000-8000-000000000000'
const seeded = 150

describeHosts('toptickets', (host) => {
  describe('list', () => {
    it('returns a bare array of summaries, 50 by default, the docs samples first', async () => {
      const reply = await host.request('GET', '/customers', { headers: admin })
      expect(reply.status).toBe(200)
      expect(reply.headers.get('content-type')).toBe('application/json')
      expect(reply.body).toHaveLength(50)
      expect(reply.body[0]).toEqual({ id: johnDoe, name: 'John Doe', email: 'john.doe@example.com', is_vip: false, has_premium_support: true })
      expect(Object.keys(reply.body[1]).sort()).toEqual(['email', 'has_premium_support', 'id', 'is_vip', 'name'])
    })

    it('pages with skip and limit, without gaps or repeats, and ends with a short page', async () => {
      const ids: string[] = []
      for (let skip = 0; ; skip += 40) {
        const page = await host.request('GET', `/customers?skip=${skip}&limit=40`, { headers: admin })
        ids.push(...page.body.map((c: { id: string }) => c.id))
        if (page.body.length < 40) break
      }
      expect(ids).toHaveLength(seeded)
      expect(new Set(ids).size).toBe(seeded)
    })

    it('accepts the edges: limit=100, limit=0, skip past the end', async () => {
      expect((await host.request('GET', '/customers?limit=100', { headers: admin })).body).toHaveLength(100)
      expect((await host.request('GET', '/customers?limit=0', { headers: admin })).body).toEqual([])
      expect((await host.request('GET', `/customers?skip=${seeded}`, { headers: admin })).body).toEqual([])
      expect((await host.request('GET', `/customers?skip=${seeded - 1}`, { headers: admin })).body).toHaveLength(1)
    })

    it('takes the last of repeated query values, as Starlette does', async () => {
      expect((await host.request('GET', '/customers?limit=1&limit=3', { headers: admin })).body).toHaveLength(3)
      const reply = await host.request('GET', '/customers?limit=3&limit=101', { headers: admin })
      expect(reply.status).toBe(422)
      expect(reply.body.detail).toEqual([expect.objectContaining({ loc: ['query', 'limit'], type: 'value_error.number.not_le' })])
    })

    it.each([
      ['limit=101', ['query', 'limit'], 'ensure this value is less than or equal to 100', 'value_error.number.not_le'],
      ['limit=abc', ['query', 'limit'], 'value is not a valid integer', 'type_error.integer'],
      ['limit=', ['query', 'limit'], 'value is not a valid integer', 'type_error.integer'],
      ['limit=2.5', ['query', 'limit'], 'value is not a valid integer', 'type_error.integer'],
      ['skip=-1', ['query', 'skip'], 'ensure this value is greater than or equal to 0', 'value_error.number.not_ge'],
    ])('rejects %s with FastAPI 422', async (query, loc, msg, type) => {
      const reply = await host.request('GET', `/customers?${query}`, { headers: admin })
      expect(reply.status).toBe(422)
      expect(reply.body.detail).toEqual([expect.objectContaining({ loc, msg, type })])
    })
  })

  describe('get', () => {
    it('returns the full customer, as the docs show it', async () => {
      const reply = await host.request('GET', `/customers/${johnDoe}`, { headers: readOnly })
      expect(reply.status).toBe(200)
      expect(reply.body).toMatchObject({ id: johnDoe, account_value: '50000.00', region: 'amer', created_at: '2025-01-10T09:00:00Z' })
      expect(Object.keys(reply.body)).toHaveLength(25)
    })

    it('answers 404 for an unknown id and 422 for an id that is not a UUID', async () => {
      const missing = await host.request('GET', `/customers/${unknownId}`, { headers: admin })
      expect(missing.status).toBe(404)
      expect(missing.body).toEqual({ detail: 'Customer not found' })
      const malformed = await host.request('GET', '/customers/42', { headers: admin })
      expect(malformed.status).toBe(422)
      expect(malformed.body.detail).toEqual([{ loc: ['path', 'customer_id'], msg: 'value is not a valid uuid', type: 'type_error.uuid' }])
    })
  })

  describe('lifecycle', () => {
    it('create → get → patch → get → delete → get 404', async () => {
      const created = await host.request('POST', '/customers', {
        headers: admin,
        body: { name: 'Ada Lovelace', email: 'ada@analytical.io', company: 'Analytical Engines', customer_tier: 'tier_2', account_value: 1234.5 },
      })
      expect(created.status).toBe(201)
      const customer = created.body
      expect(customer).toMatchObject({ name: 'Ada Lovelace', account_value: '1234.50', is_vip: false, has_premium_support: false, notes: null })
      expect(customer.id).toMatch(/^[0-9a-f-]{36}$/)
      expect(customer.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      expect(customer.updated_at).toBe(customer.created_at)

      expect((await host.request('GET', `/customers/${customer.id}`, { headers: admin })).body).toEqual(customer)
      const listed = await host.request('GET', `/customers?skip=${seeded}`, { headers: admin })
      expect(listed.body.map((c: { id: string }) => c.id)).toEqual([customer.id])

      const patched = await host.request('PATCH', `/customers/${customer.id}`, { headers: admin, body: { is_vip: true, notes: 'Upgraded.' } })
      expect(patched.status).toBe(200)
      expect(patched.body).toEqual({ ...customer, is_vip: true, notes: 'Upgraded.', updated_at: patched.body.updated_at })
      expect(patched.body.updated_at >= customer.updated_at).toBe(true)
      expect((await host.request('GET', `/customers/${customer.id}`, { headers: admin })).body).toEqual(patched.body)

      const deleted = await host.request('DELETE', `/customers/${customer.id}`, { headers: admin })
      expect(deleted.status).toBe(204)
      expect(deleted.text).toBe('')
      expect((await host.request('GET', `/customers/${customer.id}`, { headers: admin })).status).toBe(404)
      expect((await host.request('DELETE', `/customers/${customer.id}`, { headers: admin })).status).toBe(404)
      expect((await host.request('PATCH', `/customers/${customer.id}`, { headers: admin, body: { is_vip: false } })).status).toBe(404)
    })

    it('PATCH changes only the fields sent and can clear a nullable field', async () => {
      const before = (await host.request('GET', `/customers/${johnDoe}`, { headers: admin })).body
      const after = (await host.request('PATCH', `/customers/${johnDoe}`, { headers: admin, body: { company: null } })).body
      expect(after).toEqual({ ...before, company: null, updated_at: after.updated_at })
      expect(after.updated_at > before.updated_at).toBe(true)
    })

    it('answers the docs\' own create example (John Doe) with the duplicate 400 on a fresh mock, as README "Try it" says', async () => {
      const example = { name: 'John Doe', email: 'john.doe@example.com', company: 'Acme Corp', customer_tier: 'tier_1', has_premium_support: true }
      const reply = await host.request('POST', '/customers', { headers: admin, body: example })
      expect(reply.status).toBe(400)
      expect(reply.body).toEqual({ detail: 'A customer with this email already exists' })
      const another = await host.request('POST', '/customers', { headers: admin, body: { ...example, email: 'john.doe2@example.com' } })
      expect(another.status).toBe(201)
    })

    it('rejects a duplicate email with 400, on create and on update, case-insensitively', async () => {
      const create = await host.request('POST', '/customers', { headers: admin, body: { name: 'John Again', email: 'John.Doe@example.com' } })
      expect(create.status).toBe(400)
      expect(create.body).toEqual({ detail: 'A customer with this email already exists' })
      const list = await host.request('GET', '/customers?limit=2', { headers: admin })
      const update = await host.request('PATCH', `/customers/${list.body[1].id}`, { headers: admin, body: { email: 'john.doe@example.com' } })
      expect(update.status).toBe(400)
      const own = await host.request('PATCH', `/customers/${johnDoe}`, { headers: admin, body: { email: 'john.doe@example.com' } })
      expect(own.status).toBe(200)
    })
  })

  describe('request validation', () => {
    it.each([
      [{ email: 'a@b.co' }, ['body', 'name'], 'field required', 'value_error.missing'],
      [{ name: 'A' }, ['body', 'email'], 'field required', 'value_error.missing'],
      [{ name: 'A', email: 'not-an-email' }, ['body', 'email'], 'value is not a valid email address', 'value_error.email'],
      [{ name: 'x'.repeat(256), email: 'a@b.co' }, ['body', 'name'], 'ensure this value has at most 255 characters', 'value_error.any_str.max_length'],
      [{ name: 'A', email: 'a@b.co', notes: 'n'.repeat(1001) }, ['body', 'notes'], 'ensure this value has at most 1000 characters', 'value_error.any_str.max_length'],
      [{ name: 'A', email: 'a@b.co', region: 'mars' }, ['body', 'region'], "value is not a valid enumeration member; permitted: 'amer', 'apac', 'emea', 'latam', 'asean'", 'type_error.enum'],
      [{ name: 'A', email: 'a@b.co', is_vip: 'maybe' }, ['body', 'is_vip'], 'value could not be parsed to a boolean', 'type_error.bool'],
      [{ name: 'A', email: 'a@b.co', is_vip: 2 }, ['body', 'is_vip'], 'value could not be parsed to a boolean', 'type_error.bool'],
      [{ name: 'A', email: 'a@b.co', has_premium_support: null }, ['body', 'has_premium_support'], 'none is not an allowed value', 'type_error.none.not_allowed'],
      [{ name: { first: 'A' }, email: 'a@b.co' }, ['body', 'name'], 'str type expected', 'type_error.str'],
      [{ name: 'A', email: 12345 }, ['body', 'email'], 'value is not a valid email address', 'value_error.email'],
      [{ name: 'A', email: 'a@b.co', social_github: 'github.com/a' }, ['body', 'social_github'], 'invalid or missing URL scheme', 'value_error.url.scheme'],
      [{ name: null, email: 'a@b.co' }, ['body', 'name'], 'none is not an allowed value', 'type_error.none.not_allowed'],
      [[1, 2], ['body'], 'value is not a valid dict', 'type_error.dict'],
    ])('create with %j → 422 at %j', async (body, loc, msg, type) => {
      const reply = await host.request('POST', '/customers', { headers: admin, body })
      expect(reply.status).toBe(422)
      expect(reply.body.detail).toContainEqual(expect.objectContaining({ loc, msg, type }))
    })

    it('accepts what pydantic v1 accepts: unknown and server-set fields ignored, text from numbers, flags from strings', async () => {
      const created = await host.request('POST', '/customers', {
        headers: admin,
        body: { name: 12345, email: 'num@example.com', contact_number: 5551234, pronoun: true, is_vip: 'YES', has_premium_support: 1, id: 'mine', favourite_colour: 'red', created_at: 'yesterday' },
      })
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({ name: '12345', contact_number: '5551234', pronoun: 'True', is_vip: true, has_premium_support: true })
      expect(created.body.id).not.toBe('mine')
      expect(created.body).not.toHaveProperty('favourite_colour')
      expect(created.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      const off = await host.request('PATCH', `/customers/${created.body.id}`, { headers: admin, body: { is_vip: 'off', has_premium_support: 0 } })
      expect(off.body).toMatchObject({ is_vip: false, has_premium_support: false })
    })

    it('takes back a customer exactly as GET returned it (read-modify-write), as the docs invite', async () => {
      const customer = (await host.request('GET', `/customers/${johnDoe}`, { headers: admin })).body
      const reply = await host.request('PATCH', `/customers/${johnDoe}`, { headers: admin, body: { ...customer, notes: 'Renewed.' } })
      expect(reply.status).toBe(200)
      expect(reply.body).toEqual({ ...customer, notes: 'Renewed.', updated_at: reply.body.updated_at })
      expect(reply.body.created_at).toBe(customer.created_at)
    })

    it('reports every problem at once, as pydantic does', async () => {
      const reply = await host.request('POST', '/customers', { headers: admin, body: { customer_tier: 'tier_9' } })
      expect(reply.body.detail.map((d: { loc: unknown[] }) => d.loc)).toEqual(
        expect.arrayContaining([['body', 'name'], ['body', 'email'], ['body', 'customer_tier']]),
      )
    })

    it('answers malformed JSON with the jsondecode error and its position', async () => {
      const reply = await host.request('POST', '/customers', { headers: { ...admin, 'content-type': 'application/json' }, body: '{"name": }' })
      expect(reply.status).toBe(422)
      expect(reply.body.detail[0]).toMatchObject({ loc: ['body', 9], type: 'value_error.jsondecode' })
    })

    it('answers a wrong content type and an empty body as FastAPI does', async () => {
      const form = await host.request('POST', '/customers', { headers: { ...admin, 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=A&email=a%40b.co' })
      expect(form.status).toBe(422)
      expect(form.body.detail).toEqual([{ loc: ['body'], msg: 'value is not a valid dict', type: 'type_error.dict' }])
      const empty = await host.request('POST', '/customers', { headers: { ...admin, 'content-type': 'application/json' }, body: '' })
      expect(empty.status).toBe(422)
      expect(empty.body.detail).toEqual([{ loc: ['body'], msg: 'field required', type: 'value_error.missing' }])
    })

    it('rejects invalid PATCH fields, including null for a required field', async () => {
      const reply = await host.request('PATCH', `/customers/${johnDoe}`, { headers: admin, body: { email: null, account_value: '12.345' } })
      expect(reply.status).toBe(422)
      expect(reply.body.detail.map((d: { loc: unknown[] }) => d.loc)).toEqual(expect.arrayContaining([['body', 'email'], ['body', 'account_value']]))
    })

    it('answers an oversized body with mockdesk 413, not a crash', async () => {
      const reply = await host.request('POST', '/customers', { headers: admin, body: { name: 'A', email: 'a@b.co', notes: 'x'.repeat(2 * 1024 * 1024) } })
      expect(reply.status).toBe(413)
      expect(reply.kitError).toBe(true)
      expect(reply.body.code).toBe('MOCKDESK_BODY_TOO_LARGE')
    })
  })

  describe('auth', () => {
    it.each([
      ['no header', {}],
      ['an unknown key', { authorization: 'Bearer tt_admin_unknown' }],
      ['a non-Bearer scheme', { authorization: `Basic ${btoa(`${keys[0]!.key}:`)}` }],
      ['an empty bearer', { authorization: 'Bearer ' }],
    ])('answers 401 for %s', async (_, headers) => {
      const reply = await host.request('GET', '/customers', { headers })
      expect(reply.status).toBe(401)
      expect(reply.body).toEqual({ detail: 'Invalid API key' })
    })

    it('checks auth before validation, as FastAPI dependencies do', async () => {
      expect((await host.request('POST', '/customers', { body: { bogus: true } })).status).toBe(401)
    })

    it('lets a read-only key read and forbids it to write or delete', async () => {
      expect((await host.request('GET', `/customers/${johnDoe}`, { headers: readOnly })).status).toBe(200)
      const write = await host.request('POST', '/customers', { headers: readOnly, body: { name: 'A', email: 'a@b.co' } })
      expect(write.status).toBe(403)
      expect(write.body).toEqual({ detail: 'Insufficient permissions. Required scope: customers:write' })
      const remove = await host.request('DELETE', `/customers/${johnDoe}`, { headers: readOnly })
      expect(remove.body).toEqual({ detail: 'Insufficient permissions. Required scope: customers:delete' })
    })

    it('lets an agent key write but not delete', async () => {
      expect((await host.request('PATCH', `/customers/${johnDoe}`, { headers: agent, body: { is_vip: true } })).status).toBe(200)
      const remove = await host.request('DELETE', `/customers/${johnDoe}`, { headers: agent })
      expect(remove.status).toBe(403)
      expect(remove.body.detail).toBe('Insufficient permissions. Required scope: customers:delete')
    })
  })

  describe('explicit errors (Prefer: code=)', () => {
    it('returns the documented 429 with Retry-After', async () => {
      const reply = await host.request('GET', '/customers', { headers: { ...admin, prefer: 'code=429' } })
      expect(reply.status).toBe(429)
      expect(reply.headers.get('retry-after')).toBe('30')
      expect(reply.body).toEqual({ detail: 'Rate limit exceeded. Try again in 30 seconds.' })
    })

    it('returns the documented 500, also through the __code query parameter', async () => {
      const reply = await host.request('DELETE', `/customers/${johnDoe}?__code=500`, { headers: admin })
      expect(reply.status).toBe(500)
      expect(reply.body).toEqual({ detail: 'Internal server error' })
      expect((await host.request('GET', `/customers/${johnDoe}`, { headers: admin })).status).toBe(200)
    })

    it('serves the normal answer when the preferred code is the success code', async () => {
      const reply = await host.request('GET', `/customers/${johnDoe}`, { headers: { ...admin, prefer: 'code=200' } })
      expect(reply.body.id).toBe(johnDoe)
    })

    it('answers an undocumented status with a mockdesk error that lists the documented ones', async () => {
      const reply = await host.request('GET', '/customers', { headers: { ...admin, prefer: 'code=418' } })
      expect(reply.status).toBe(400)
      expect(reply.kitError).toBe(true)
      expect(reply.body).toMatchObject({ code: 'MOCKDESK_UNDOCUMENTED_STATUS', documented: ['200', '401', '403', '422', '429', '500'] })
    })
  })

  describe('routes outside the spec', () => {
    it('answers an unknown path with mockdesk 404 listing the documented operations', async () => {
      const reply = await host.request('GET', '/tickets', { headers: admin })
      expect(reply.status).toBe(404)
      expect(reply.body.code).toBe('MOCKDESK_NO_ROUTE')
      expect(reply.body.documented).toContain(`GET ${host.baseUrl}/customers`)
    })

    it('answers an undocumented method with mockdesk 405 and Allow', async () => {
      const reply = await host.request('PUT', `/customers/${johnDoe}`, { headers: admin, body: {} })
      expect(reply.status).toBe(405)
      expect(reply.headers.get('allow')).toBe('GET, DELETE, PATCH')
    })
  })
})
