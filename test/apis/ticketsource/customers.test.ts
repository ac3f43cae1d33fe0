import { describe, expect, it } from 'vitest'
import docRecords from '../../../fixtures/ticketsource/doc-records.json'
import { describeHosts } from '../../support/hosts.ts'
import {
  basic,
  bearer,
  customerId,
  key,
  minimalCustomer,
  sampleCustomerId,
  seededCustomers,
  timestamp,
  walk,
  within,
} from './support.ts'

const create = (attributes: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ data: { type: 'customer', attributes, ...extra } })
const valid = minimalCustomer.data.attributes

describeHosts('ticketsource', (host) => {
  describe('list', () => {
    it('answers the first page of 10 in the simple-paginator envelope, the docs sample first', async () => {
      const reply = await host.request('GET', '/customers', { headers: bearer })
      expect(reply.status).toBe(200)
      expect(reply.headers.get('content-type')).toBe('application/json')
      expect(reply.body.data).toHaveLength(10)
      expect(reply.body.data[0]).toEqual({
        ...docRecords.customers[0],
        links: {
          self: `${host.baseUrl}/customers/${sampleCustomerId}`,
          bookings: `${host.baseUrl}/customers/${sampleCustomerId}/bookings`,
          notes: `${host.baseUrl}/customers/${sampleCustomerId}/notes`,
        },
      })
      expect(reply.body.links).toEqual({ first: `${host.baseUrl}/customers?page=1`, last: null, prev: null, next: `${host.baseUrl}/customers?page=2` })
      expect(reply.body.meta).toEqual({ current_page: 1, from: 1, path: `${host.baseUrl}/customers`, per_page: 10, to: 10 })
    })

    it('answers page 2 of 5 with links that carry page only, as simplePaginate() writes them by default', async () => {
      const reply = await host.request('GET', '/customers?page=2&per_page=5', { headers: basic })
      expect(reply.body.data).toHaveLength(5)
      expect(reply.body.links).toEqual({
        first: `${host.baseUrl}/customers?page=1`,
        last: null,
        prev: `${host.baseUrl}/customers?page=1`,
        next: `${host.baseUrl}/customers?page=3`,
      })
      expect(reply.body.meta).toEqual({ current_page: 2, from: 6, path: `${host.baseUrl}/customers`, per_page: 5, to: 10 })
      const swapped = await host.request('GET', '/customers?per_page=5&page=2', { headers: bearer })
      expect(swapped.body.links).toEqual(reply.body.links)
      expect(swapped.body.data).toEqual(reply.body.data)
    })

    it('leaves other query parameters, and mockdesk\'s __code, out of the links', async () => {
      const reply = await host.request('GET', '/customers?q=a%20b%2Bc&__code=200&per_page=3', { headers: bearer })
      expect(reply.body.links.next).toBe(`${host.baseUrl}/customers?page=2`)
    })

    it.each([7, 10, 1, 100])('walks every customer by following next at per_page=%i, without gaps or repeats', async (perPage) => {
      const all = await walk(host, `/customers?per_page=${perPage}`)
      expect(all.ids).toHaveLength(seededCustomers)
      expect(new Set(all.ids).size).toBe(seededCustomers)
      expect(all.pages).toBe(Math.ceil(seededCustomers / perPage))
    })

    it('ends on a full last page with next null, and answers past the end with an empty page', async () => {
      const last = await host.request('GET', '/customers?page=12', { headers: bearer })
      expect(last.body.data).toHaveLength(10)
      expect(last.body.links.next).toBeNull()
      expect(last.body.meta).toMatchObject({ from: 111, to: 120 })
      const past = await host.request('GET', '/customers?page=13', { headers: bearer })
      expect(past.status).toBe(200)
      expect(past.body.data).toEqual([])
      expect(past.body.links).toEqual({ first: `${host.baseUrl}/customers?page=1`, last: null, prev: `${host.baseUrl}/customers?page=12`, next: null })
      expect(past.body.meta).toEqual({ current_page: 13, from: null, path: `${host.baseUrl}/customers`, per_page: 10, to: null })
    })

    it.each([
      ['per_page=0', 'per_page', 'The per page field must be at least 1.'],
      ['per_page=101', 'per_page', 'The per page field must not be greater than 100.'],
      ['per_page=ten', 'per_page', 'The per page field must be an integer.'],
      ['page=0', 'page', 'The page field must be at least 1.'],
      ['page=two', 'page', 'The page field must be an integer.'],
      ['page=1.5', 'page', 'The page field must be an integer.'],
      ['page=', 'page', 'The page field must be an integer.'],
    ])('rejects %s with Laravel\'s 422', async (query, field, text) => {
      const reply = await host.request('GET', `/customers?${query}`, { headers: bearer })
      expect(reply.status).toBe(422)
      expect(reply.body).toEqual({ message: text, errors: { [field]: [text] } })
    })

    it('reports both paging problems at once, and says how many more there are', async () => {
      const reply = await host.request('GET', '/customers?page=0&per_page=500', { headers: bearer })
      expect(reply.body).toEqual({
        message: 'The page field must be at least 1. (and 1 more error)',
        errors: { page: ['The page field must be at least 1.'], per_page: ['The per page field must not be greater than 100.'] },
      })
    })
  })

  describe('get', () => {
    it('answers the docs sample customer as the docs show it, links on this host', async () => {
      const reply = await host.request('GET', `/customers/${sampleCustomerId}`, { headers: bearer })
      expect(reply.status).toBe(200)
      expect(reply.body.data.attributes).toEqual(docRecords.customers[0]!.attributes)
      expect(within(host, reply.body.data.links.self)).toBe(`/customers/${sampleCustomerId}`)
    })

    it.each(['cst-0000000000', '42', 'CST-XXXXXXXXXX1'])('answers %s, which matches no customer, with the route-binding 404', async (id) => {
      const reply = await host.request('GET', `/customers/${id}`, { headers: bearer })
      expect(reply.status).toBe(404)
      expect(reply.body).toEqual({ message: `No query results for model [App\\Models\\Customer] ${id}` })
    })
  })

  describe('create', () => {
    it('answers 201 with the record in data: a cst- id, +00:00 timestamps, updated_at null, defaults for what was not sent', async () => {
      const reply = await host.request('POST', '/customers', { headers: bearer, body: minimalCustomer })
      expect(reply.status).toBe(201)
      const { id, type, attributes, links } = reply.body.data
      expect(id).toMatch(customerId)
      expect(type).toBe('customer')
      expect(attributes).toEqual({
        title: null,
        first_name: 'Ada',
        last_name: 'Lovelace',
        address: { line_1: null, line_2: null, line_3: null, line_4: null, postcode: null },
        telephone: null,
        email: 'ada@example.co.uk',
        membership: { identifier: null, start_date: null, end_date: null },
        consent: { email: false, post: false, sms: false },
        created_at: expect.stringMatching(timestamp),
        updated_at: null,
      })
      expect(links.self).toBe(`${host.baseUrl}/customers/${id}`)
      expect((await host.request('GET', within(host, links.self), { headers: bearer })).body).toEqual(reply.body)
      const end = await host.request('GET', `/customers?page=${seededCustomers + 1}&per_page=1`, { headers: bearer })
      expect(end.body.data.map((c: { id: string }) => c.id)).toEqual([id])
    })

    it('stores phone as telephone, trims strings and stores empty ones as null', async () => {
      const reply = await host.request('POST', '/customers', {
        headers: bearer,
        body: create({ ...valid, first_name: '  Ada ', title: '', phone: ' 07700900123 ', address: { line_1: '12 Mill Lane', line_2: '   ', postcode: 'CF10 1AA' } }),
      })
      expect(reply.status).toBe(201)
      expect(reply.body.data.attributes).toMatchObject({
        first_name: 'Ada',
        title: null,
        telephone: '07700900123',
        address: { line_1: '12 Mill Lane', line_2: null, line_3: null, line_4: null, postcode: 'CF10 1AA' },
      })
      expect(reply.body.data.attributes).not.toHaveProperty('phone')
    })

    it.each([
      ['a bad email', create({ ...valid, email: 'ada-at-example' }), 'data.attributes.email', 'The email field must be a valid email address.'],
      ['a numeric first name', create({ ...valid, first_name: 42 }), 'data.attributes.first_name', 'The first name field must be a string.'],
      ['a long title', create({ ...valid, title: 'x'.repeat(256) }), 'data.attributes.title', 'The title field must not be greater than 255 characters.'],
      ['a string address', create({ ...valid, address: '1 High St' }), 'data.attributes.address', 'The address field must be an array.'],
      ['a non-boolean consent', create({ ...valid, consent: { email: 'yes' } }), 'data.attributes.consent.email', 'The consent email field must be true or false.'],
      ['a consent of 2', create({ ...valid, consent: { sms: 2 } }), 'data.attributes.consent.sms', 'The consent sms field must be true or false.'],
      ['a UK-style date', create({ ...valid, membership: { start_date: '01/01/2020' } }), 'data.attributes.membership.start_date', 'The membership start date field must match the format Y-m-d.'],
      ['the note type', { data: { type: 'customer_note', attributes: valid } }, 'data.type', 'The selected type is invalid.'],
      ['no type', { data: { attributes: valid } }, 'data.type', 'The type field is required.'],
      ['an empty type', { data: { type: '', attributes: valid } }, 'data.type', 'The type field is required.'],
      ['bare attributes', valid, 'data', 'The data field is required.'],
    ])('rejects %s with Laravel\'s 422', async (_, body, field, text) => {
      const reply = await host.request('POST', '/customers', { headers: bearer, body })
      expect(reply.status).toBe(422)
      expect(reply.body.errors[field]).toEqual([text])
    })

    it('creates a customer with no attributes at all, as the docs mark none required', async () => {
      const reply = await host.request('POST', '/customers', { headers: bearer, body: create({}) })
      expect(reply.status).toBe(201)
      expect(reply.body.data.attributes).toMatchObject({ title: null, first_name: null, last_name: null, email: null, telephone: null, consent: { email: false, post: false, sms: false } })
      const named = await host.request('POST', '/customers', { headers: bearer, body: create({ email: 'box@office.co.uk' }) })
      expect(named.body.data.attributes).toMatchObject({ first_name: null, email: 'box@office.co.uk' })
    })

    it('takes 0, 1, "0" and "1" for consent flags, as Laravel\'s boolean rule does, and answers booleans', async () => {
      const reply = await host.request('POST', '/customers', { headers: bearer, body: create({ ...valid, consent: { email: 1, post: '0', sms: '1' } }) })
      expect(reply.status).toBe(201)
      expect(reply.body.data.attributes.consent).toEqual({ email: true, post: false, sms: true })
    })

    it('drops attributes it has no rule for (the response\'s telephone and created_at, data.id, unknown keys), as validated() does', async () => {
      const reply = await host.request('POST', '/customers', {
        headers: bearer,
        body: create({ ...valid, telephone: '01234555678', created_at: '2001-01-01T00:00:00+00:00', address: { line_1: '1 High St', line_5: 'Wales' } }, { id: 'cst-mine000000' }),
      })
      expect(reply.status).toBe(201)
      expect(reply.body.data.id).not.toBe('cst-mine000000')
      expect(reply.body.data.attributes).toMatchObject({ telephone: null, address: { line_1: '1 High St', line_2: null, line_3: null, line_4: null, postcode: null } })
      expect(reply.body.data.attributes.created_at).not.toBe('2001-01-01T00:00:00+00:00')
      expect(reply.body.data.attributes.address).not.toHaveProperty('line_5')
    })

    it('reads a body it cannot use as no input at all, and lists every required field, as Laravel does', async () => {
      const everything = {
        message: 'The data field is required. (and 2 more errors)',
        errors: {
          data: ['The data field is required.'],
          'data.type': ['The type field is required.'],
          'data.attributes': ['The attributes field is required.'],
        },
      }
      const json = { ...bearer, 'content-type': 'application/json' }
      for (const [body, headers] of [
        ['{}', json],
        ['{"data": ', json],
        ['', json],
        ['[1, 2]', json],
        ['data[type]=customer', { ...bearer, 'content-type': 'application/x-www-form-urlencoded' }],
      ] as const) {
        const reply = await host.request('POST', '/customers', { headers, body })
        expect(reply.status, body).toBe(422)
        expect(reply.body, body).toEqual(everything)
      }
    })

    it('lists errors in rule order, with one summary message', async () => {
      const reply = await host.request('POST', '/customers', { headers: bearer, body: { data: { type: 'customers', attributes: { email: 'x', first_name: 42 } } } })
      expect(Object.keys(reply.body.errors)).toEqual(['data.type', 'data.attributes.first_name', 'data.attributes.email'])
      expect(reply.body.message).toBe('The selected type is invalid. (and 2 more errors)')
    })

    it('answers an oversized body with mockdesk 413, not a crash', async () => {
      const reply = await host.request('POST', '/customers', { headers: bearer, body: create({ ...valid, title: 'x'.repeat(2 * 1024 * 1024) }) })
      expect(reply.status).toBe(413)
      expect(reply.kitError).toBe(true)
      expect(reply.body.code).toBe('MOCKDESK_BODY_TOO_LARGE')
    })
  })

  describe('update', () => {
    it('changes only what is sent, key by key inside address, membership and consent', async () => {
      const before = (await host.request('GET', `/customers/${sampleCustomerId}`, { headers: bearer })).body.data
      const reply = await host.request('PATCH', `/customers/${sampleCustomerId}`, {
        headers: bearer,
        body: { data: { type: 'customer', id: sampleCustomerId, attributes: { address: { postcode: 'CF64 1AA' }, consent: { sms: true }, phone: '' } } },
      })
      expect(reply.status).toBe(200)
      const after = reply.body.data
      expect(after.attributes).toEqual({
        ...before.attributes,
        address: { ...before.attributes.address, postcode: 'CF64 1AA' },
        consent: { ...before.attributes.consent, sms: true },
        telephone: null,
        updated_at: expect.stringMatching(timestamp),
      })
      expect(after.attributes.updated_at >= after.attributes.created_at).toBe(true)
      expect((await host.request('GET', `/customers/${sampleCustomerId}`, { headers: bearer })).body.data).toEqual(after)
    })

    it('takes back a customer as GET returned it, dropping the response-only attributes (read-modify-write)', async () => {
      const before = (await host.request('GET', `/customers/${sampleCustomerId}`, { headers: bearer })).body.data
      const reply = await host.request('PATCH', `/customers/${sampleCustomerId}`, {
        headers: bearer,
        body: { data: { type: 'customer', id: sampleCustomerId, attributes: { ...before.attributes, last_name: 'Changed' }, links: before.links } },
      })
      expect(reply.status).toBe(200)
      expect(reply.body.data.attributes).toEqual({ ...before.attributes, last_name: 'Changed', updated_at: expect.stringMatching(timestamp) })
      expect(reply.body.data.attributes.created_at).toBe(before.attributes.created_at)
    })

    it('clears a name with null, now that none is required', async () => {
      const reply = await host.request('PATCH', `/customers/${sampleCustomerId}`, { headers: bearer, body: { data: { type: 'customer', id: sampleCustomerId, attributes: { first_name: null } } } })
      expect(reply.status).toBe(200)
      expect(reply.body.data.attributes.first_name).toBeNull()
    })

    it('leaves updated_at null when nothing actually changes', async () => {
      const reply = await host.request('PATCH', `/customers/${sampleCustomerId}`, {
        headers: bearer,
        body: { data: { type: 'customer', id: sampleCustomerId, attributes: { last_name: 'Customer', consent: { email: true } } } },
      })
      expect(reply.status).toBe(200)
      expect(reply.body.data.attributes.updated_at).toBeNull()
    })

    it.each([
      ['a data.id that differs from the URL', { type: 'customer', id: 'cst-someoneelse', attributes: {} }, 'data.id', 'The selected id is invalid.'],
      ['no data.id', { type: 'customer', attributes: {} }, 'data.id', 'The id field is required.'],
      ['a wrong data.type', { type: 'customers', id: sampleCustomerId, attributes: {} }, 'data.type', 'The selected type is invalid.'],
      ['a numeric first name', { type: 'customer', id: sampleCustomerId, attributes: { first_name: 7 } }, 'data.attributes.first_name', 'The first name field must be a string.'],
      ['no attributes', { type: 'customer', id: sampleCustomerId }, 'data.attributes', 'The attributes field is required.'],
    ])('rejects %s with 422 (not JSON:API\'s 409)', async (_, data, field, text) => {
      const reply = await host.request('PATCH', `/customers/${sampleCustomerId}`, { headers: bearer, body: { data } })
      expect(reply.status).toBe(422)
      expect(reply.body).toEqual({ message: text, errors: { [field]: [text] } })
    })

    it('binds the customer before validating, so an unknown id is 404 even with a bad body', async () => {
      const reply = await host.request('PATCH', '/customers/cst-0000000000', { headers: bearer, body: { bogus: true } })
      expect(reply.status).toBe(404)
      expect(reply.body).toEqual({ message: 'No query results for model [App\\Models\\Customer] cst-0000000000' })
    })
  })

  describe('lifecycle', () => {
    it('create → get → patch → get → delete → get 404, and every later write is 404', async () => {
      const created = (await host.request('POST', '/customers', { headers: bearer, body: minimalCustomer })).body.data
      const path = within(host, created.links.self)
      expect((await host.request('GET', path, { headers: basic })).body.data).toEqual(created)

      const patched = await host.request('PATCH', path, {
        headers: bearer,
        body: { data: { type: 'customer', id: created.id, attributes: { last_name: 'King', membership: { identifier: 'A12345BCD', start_date: '2025-01-01', end_date: '2025-12-31' } } } },
      })
      expect(patched.status).toBe(200)
      expect(patched.body.data.attributes).toEqual({
        ...created.attributes,
        last_name: 'King',
        membership: { identifier: 'A12345BCD', start_date: '2025-01-01', end_date: '2025-12-31' },
        updated_at: expect.stringMatching(timestamp),
      })
      expect((await host.request('GET', path, { headers: bearer })).body).toEqual(patched.body)

      const deleted = await host.request('DELETE', path, { headers: bearer })
      expect(deleted.status).toBe(204)
      expect(deleted.text).toBe('')
      const gone = { message: `No query results for model [App\\Models\\Customer] ${created.id}` }
      expect((await host.request('GET', path, { headers: bearer })).body).toEqual(gone)
      expect((await host.request('DELETE', path, { headers: bearer })).status).toBe(404)
      expect((await host.request('PATCH', path, { headers: bearer, body: { data: { type: 'customer', id: created.id, attributes: {} } } })).status).toBe(404)
      expect((await host.request('GET', `/customers?page=${seededCustomers + 1}&per_page=1`, { headers: bearer })).body.data).toEqual([])
    })
  })

  describe('auth', () => {
    it('accepts the key as Bearer and as the Basic username with an empty password', async () => {
      expect((await host.request('GET', '/customers?per_page=1', { headers: bearer })).status).toBe(200)
      expect((await host.request('GET', '/customers?per_page=1', { headers: basic })).status).toBe(200)
      expect((await host.request('GET', '/customers?per_page=1', { headers: { authorization: `bearer ${key}` } })).status).toBe(200)
    })

    it.each([
      ['no header', {}],
      ['an unknown Bearer key', { authorization: 'Bearer skl-0000000000' }],
      ['an unknown Basic key', { authorization: `Basic ${btoa('skl-0000000000:')}` }],
      ['a Basic password', { authorization: `Basic ${btoa(`${key}:secret`)}` }],
      ['the key as the Basic password', { authorization: `Basic ${btoa(`:${key}`)}` }],
      ['Basic that is not base64', { authorization: 'Basic %%%' }],
      ['the bare key', { authorization: key }],
    ])('answers 401 Unauthenticated. for %s', async (_, headers) => {
      const reply = await host.request('GET', '/customers', { headers })
      expect(reply.status).toBe(401)
      expect(reply.body).toEqual({ message: 'Unauthenticated.' })
    })

    it('authenticates before binding and validating, as Laravel\'s auth middleware runs first', async () => {
      expect((await host.request('GET', '/customers/cst-0000000000')).status).toBe(401)
      expect((await host.request('POST', '/customers', { body: { bogus: true } })).status).toBe(401)
      expect((await host.request('GET', '/customers?per_page=500')).status).toBe(401)
    })
  })

  describe('explicit errors (Prefer: code=)', () => {
    it('returns the documented 429 with Laravel\'s throttle headers', async () => {
      const reply = await host.request('GET', '/customers', { headers: { ...bearer, prefer: 'code=429' } })
      expect(reply.status).toBe(429)
      expect([reply.headers.get('retry-after'), reply.headers.get('x-ratelimit-limit'), reply.headers.get('x-ratelimit-remaining')]).toEqual(['60', '60', '0'])
      expect(reply.body).toEqual({ message: 'Too Many Attempts.' })
    })

    it('returns the documented 500 through __code, and leaves the store alone', async () => {
      const reply = await host.request('DELETE', `/customers/${sampleCustomerId}?__code=500`, { headers: bearer })
      expect(reply.body).toEqual({ message: 'Server Error' })
      expect((await host.request('GET', `/customers/${sampleCustomerId}`, { headers: bearer })).status).toBe(200)
    })

    it('answers a status the operation does not document with a mockdesk error', async () => {
      const reply = await host.request('GET', '/customers', { headers: { ...bearer, prefer: 'code=403' } })
      expect(reply.kitError).toBe(true)
      expect(reply.body).toMatchObject({ code: 'MOCKDESK_UNDOCUMENTED_STATUS', documented: ['200', '401', '422', '429', '500'] })
    })
  })

  describe('bookings', () => {
    it('follows a customer\'s bookings link to an empty page in the list envelope (bookings are not modelled)', async () => {
      const customer = (await host.request('GET', `/customers/${sampleCustomerId}`, { headers: bearer })).body.data
      const reply = await host.request('GET', within(host, customer.links.bookings), { headers: bearer })
      expect(reply.status).toBe(200)
      expect(reply.body).toEqual({
        data: [],
        links: { first: `${customer.links.bookings}?page=1`, last: null, prev: null, next: null },
        meta: { current_page: 1, from: null, path: customer.links.bookings, per_page: 10, to: null },
      })
    })

    it('answers an unknown customer\'s bookings with the route-binding 404', async () => {
      const reply = await host.request('GET', '/customers/cst-0000000000/bookings', { headers: bearer })
      expect(reply.status).toBe(404)
      expect(reply.body).toEqual({ message: 'No query results for model [App\\Models\\Customer] cst-0000000000' })
    })
  })

  describe('routes outside the spec', () => {
    it('answers an undocumented method with mockdesk 405 and Allow', async () => {
      const reply = await host.request('PUT', `/customers/${sampleCustomerId}`, { headers: bearer, body: {} })
      expect(reply.status).toBe(405)
      expect(reply.headers.get('allow')).toBe('GET, DELETE, PATCH')
    })
  })
})
