import { describe, expect, it } from 'vitest'
import keys from '../../../fixtures/billingplatform/keys.json'
import presets from '../../../fixtures/billingplatform/presets.json'
import { presetValues } from '../../../src/apis/billingplatform/presets.ts'
import { describeHosts, type Host } from '../../support/hosts.ts'

const auth = { authorization: `Bearer ${keys[0]!.key}` }
const seeded = 250
const pageSize = 100
const firstId = 1001
const ticketFields = [
  'id', 'customerID', 'ticketType', 'status', 'ticketPriority', 'customerEmail', 'subject', 'ticketContent',
  'owner', 'users', 'departments', 'ticketSuppliers', 'createdDate', 'ticketFollowupDate', 'ticketActionRequiredDate',
].sort()
const timestamp = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/

interface Ticket {
  id: number
  customerID: number
  createdDate: string
  [field: string]: unknown
}

const ids = (tickets: Ticket[]) => tickets.map((ticket) => ticket.id)
const ms = (timestamp: string) => Date.parse(`${timestamp.replace(' ', 'T')}Z`)

/** Every ticket a list endpoint gives, following `idAfter` from page to page. */
async function walk(host: Host, path: string, filters = '', start = 0): Promise<{ tickets: Ticket[]; pages: number[] }> {
  const tickets: Ticket[] = []
  const pages: number[] = []
  for (let after = start; ; ) {
    const reply = await host.request('GET', `${path}?idAfter=${after}${filters}`, { headers: auth })
    expect(reply.status).toBe(200)
    pages.push(reply.body.length)
    tickets.push(...reply.body)
    if (reply.body.length < pageSize) return { tickets, pages }
    if (pages.length > 20) throw new Error(`${path}${filters}: no end after 20 pages`)
    after = reply.body.at(-1).id
  }
}

const create = (host: Host, body: Record<string, unknown>) => host.request('POST', '/tickets/', { headers: auth, body })

describeHosts('billingplatform', (host) => {
  describe('list tickets', () => {
    it('returns a bare array of the first 100 tickets in ascending id order, with exactly the documented fields', async () => {
      const reply = await host.request('GET', '/tickets/', { headers: auth })
      expect(reply.status).toBe(200)
      expect(reply.headers.get('content-type')).toBe('application/json')
      expect(reply.body).toHaveLength(pageSize)
      expect(ids(reply.body)).toEqual(Array.from({ length: pageSize }, (_, i) => firstId + i))
      for (const ticket of reply.body) {
        expect(Object.keys(ticket).sort()).toEqual(ticketFields)
        expect(ticket.createdDate).toMatch(timestamp)
      }
    })

    it('visits every ticket exactly once when walked with idAfter, in pages of 100, and ends with a short page', async () => {
      const { tickets, pages } = await walk(host, '/tickets/')
      expect(pages).toEqual([100, 100, 50])
      expect(tickets).toHaveLength(seeded)
      expect(new Set(ids(tickets)).size).toBe(seeded)
      expect(ids(tickets)).toEqual([...ids(tickets)].sort((a, b) => a - b))
    })

    it('still visits every ticket exactly once after deletes and creates', async () => {
      for (const id of [1001, 1100, 1101, 1250]) expect((await host.request('DELETE', `/tickets/${id}`, { headers: auth })).status).toBe(204)
      const created = await create(host, { customerID: 123, ticketType: 'sales', subject: 'New lines' })
      const { tickets } = await walk(host, '/tickets/')
      expect(tickets).toHaveLength(seeded - 4 + 1)
      expect(new Set(ids(tickets)).size).toBe(tickets.length)
      expect(ids(tickets)).not.toContain(1100)
      expect(ids(tickets).at(-1)).toBe(created.body.id)
    })

    it('answers an idAfter walk that ends exactly on a page boundary with a final empty page', async () => {
      for (let id = 1201; id <= 1250; id++) await host.request('DELETE', `/tickets/${id}`, { headers: auth })
      const { pages } = await walk(host, '/tickets/')
      expect(pages).toEqual([100, 100, 0])
    })

    it('includes only higher ids with idAfter; 0 is the start, the last id gives []', async () => {
      const after = await host.request('GET', '/tickets/?idAfter=1240', { headers: auth })
      expect(ids(after.body)).toEqual(Array.from({ length: 10 }, (_, i) => 1241 + i))
      const fromZero = await host.request('GET', '/tickets/?idAfter=0', { headers: auth })
      expect(fromZero.body).toEqual((await host.request('GET', '/tickets/', { headers: auth })).body)
      expect((await host.request('GET', '/tickets/?idAfter=1250', { headers: auth })).body).toEqual([])
      expect((await host.request('GET', '/tickets/?idAfter=99999999', { headers: auth })).body).toEqual([])
    })

    it('includes only tickets created at or after createdSince', async () => {
      const { tickets: all } = await walk(host, '/tickets/')
      const since = all[180]!.createdDate
      const { tickets } = await walk(host, '/tickets/', `&createdSince=${encodeURIComponent(since)}`)
      expect(ids(tickets)).toEqual(ids(all.filter((t) => t.createdDate >= since)))
      expect(tickets.length).toBeGreaterThan(0)
      expect(tickets.length).toBeLessThan(all.length)
    })

    it('reads createdSince in ISO 8601, with an offset, in the API form and as a date alone, all as the same instant', async () => {
      const forms = ['2025-01-01T00:00:00Z', '2025-01-01T01:00:00%2B01:00', '2024-12-31T19:00:00-05:00', '2025-01-01%2000:00:00', '2025-01-01', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00']
      const answers = await Promise.all(forms.map((form) => host.request('GET', `/tickets/?createdSince=${form}`, { headers: auth })))
      for (const answer of answers) expect(answer.status).toBe(200)
      expect(answers[0]!.body.length).toBeGreaterThan(0)
      for (const answer of answers.slice(1)) expect(ids(answer.body)).toEqual(ids(answers[0]!.body))
      for (const ticket of answers[0]!.body) expect(ms(ticket.createdDate)).toBeGreaterThanOrEqual(Date.parse('2025-01-01T00:00:00Z'))
    })

    it('includes only tickets updated at or after updatedSince, counting creation and changes, not saves without a change', async () => {
      expect((await walk(host, '/tickets/', '&updatedSince=2000-01-01')).tickets).toHaveLength(seeded)
      expect((await host.request('GET', '/tickets/?updatedSince=2999-01-01', { headers: auth })).body).toEqual([])

      const fresh = (await create(host, { customerID: 123, ticketType: 'billing', subject: 'Invoice copy' })).body
      const since = encodeURIComponent(fresh.createdDate)
      expect(ids((await host.request('GET', `/tickets/?updatedSince=${since}`, { headers: auth })).body)).toEqual([fresh.id])

      await host.request('PATCH', '/tickets/1005', { headers: auth, body: { status: 'closed', ticketContent: 'Closed after a call.' } })
      await host.request('PUT', '/tickets/1010', { headers: auth, body: {} })
      const unchanged = (await host.request('GET', '/tickets/1020', { headers: auth })).body
      await host.request('PUT', '/tickets/1020', { headers: auth, body: { subject: unchanged.subject } })
      expect(ids((await host.request('GET', `/tickets/?updatedSince=${since}`, { headers: auth })).body)).toEqual([1005, fresh.id])
    })

    it('combines idAfter, createdSince and updatedSince: every filter must hold', async () => {
      const first = (await create(host, { customerID: 123, ticketType: 'billing', subject: 'First' })).body
      const second = (await create(host, { customerID: 124, ticketType: 'sales', subject: 'Second' })).body
      await host.request('PATCH', '/tickets/1002', { headers: auth, body: { status: 'resolved' } })
      const since = encodeURIComponent(first.createdDate)

      const updated = await host.request('GET', `/tickets/?updatedSince=${since}`, { headers: auth })
      expect(ids(updated.body)).toEqual([1002, first.id, second.id])
      const updatedAndCreated = await host.request('GET', `/tickets/?updatedSince=${since}&createdSince=${since}`, { headers: auth })
      expect(ids(updatedAndCreated.body)).toEqual([first.id, second.id])
      const all3 = await host.request('GET', `/tickets/?updatedSince=${since}&createdSince=${since}&idAfter=${first.id}`, { headers: auth })
      expect(ids(all3.body)).toEqual([second.id])

      const { tickets: everything } = await walk(host, '/tickets/')
      const created = '2024-09-01 00:00:00'
      const { tickets } = await walk(host, '/tickets/', '&createdSince=2024-09-01', 1100)
      expect(ids(tickets)).toEqual(ids(everything.filter((t) => t.id > 1100 && t.createdDate >= created)))
    })

    it.each([
      ['idAfter=abc', 'idAfter'],
      ['idAfter=-1', 'idAfter'],
      ['idAfter=1.5', 'idAfter'],
      ['idAfter=', 'idAfter'],
      ['createdSince=yesterday', 'createdSince'],
      ['createdSince=2025-02-30', 'createdSince'],
      ['createdSince=2025-13-01', 'createdSince'],
      ['createdSince=01/02/2025', 'createdSince'],
      ['updatedSince=2025-01-01T25:00:00Z', 'updatedSince'],
      ['updatedSince=2025-01-01T10:00:00%2B25:00', 'updatedSince'],
      ['updatedSince=', 'updatedSince'],
    ])('rejects %s with a Yii 400 that names the parameter, on both list endpoints', async (query, name) => {
      for (const path of ['/tickets/', '/customers/123/tickets/']) {
        const reply = await host.request('GET', `${path}?${query}`, { headers: auth })
        expect(reply.status).toBe(400)
        expect(reply.body).toMatchObject({ name: 'Bad Request', code: 0, status: 400 })
        expect(reply.body.message).toMatch(new RegExp(`^Invalid data received for parameter "${name}": expected `))
      }
    })

    it('ignores query parameters it does not document, as Yii 2 does', async () => {
      const reply = await host.request('GET', '/tickets/?page=3&limit=5&sort=-id', { headers: auth })
      expect(ids(reply.body)).toEqual(ids((await host.request('GET', '/tickets/', { headers: auth })).body))
    })
  })

  describe('customer tickets', () => {
    it("lists only that customer's tickets, ascending, with the same filters", async () => {
      const { tickets: all } = await walk(host, '/tickets/')
      const { tickets } = await walk(host, '/customers/123/tickets/')
      expect(tickets.length).toBeGreaterThan(0)
      expect(tickets).toEqual(all.filter((t) => t.customerID === 123))
      const cut = tickets[Math.floor(tickets.length / 2)]!
      const later = await host.request('GET', `/customers/123/tickets/?idAfter=${cut.id}`, { headers: auth })
      expect(ids(later.body)).toEqual(ids(tickets.filter((t) => t.id > cut.id)))
      const since = await host.request('GET', `/customers/123/tickets/?createdSince=${encodeURIComponent(cut.createdDate)}`, { headers: auth })
      expect(ids(since.body)).toEqual(ids(tickets.filter((t) => t.createdDate >= cut.createdDate)))
    })

    it("shows a ticket created by POST in the customer's tickets updated since a time (the issue's done-when)", async () => {
      const path = '/customers/123/tickets/?updatedSince=2025-01-01T00:00:00Z'
      const before = await host.request('GET', path, { headers: auth })
      expect(before.status).toBe(200)
      for (const ticket of before.body) expect(ticket.customerID).toBe(123)
      const created = (await create(host, { customerID: 123, ticketType: 'technical support', subject: 'Line down' })).body
      const after = await host.request('GET', path, { headers: auth })
      expect(ids(after.body)).toEqual([...ids(before.body), created.id])
      expect((await host.request('GET', '/customers/124/tickets/?updatedSince=2025-01-01T00:00:00Z', { headers: auth })).body.map((t: Ticket) => t.id)).not.toContain(created.id)
    })

    it("drops a deleted ticket from the customer's list; a customer without tickets gives []", async () => {
      const { tickets } = await walk(host, '/customers/130/tickets/')
      expect(tickets.length).toBeGreaterThan(0)
      await host.request('DELETE', `/tickets/${tickets[0]!.id}`, { headers: auth })
      expect(ids((await walk(host, '/customers/130/tickets/')).tickets)).toEqual(ids(tickets.slice(1)))
      for (const ticket of tickets.slice(1)) await host.request('DELETE', `/tickets/${ticket.id}`, { headers: auth })
      const empty = await host.request('GET', '/customers/130/tickets/', { headers: auth })
      expect(empty.status).toBe(200)
      expect(empty.body).toEqual([])
    })

    it('moves a ticket between customers when its customerID changes', async () => {
      const ticket = (await walk(host, '/customers/123/tickets/')).tickets[0]!
      await host.request('PUT', `/tickets/${ticket.id}`, { headers: auth, body: { customerID: 124 } })
      expect(ids((await walk(host, '/customers/123/tickets/')).tickets)).not.toContain(ticket.id)
      expect(ids((await walk(host, '/customers/124/tickets/')).tickets)).toContain(ticket.id)
    })

    it('answers 404 for an unknown customer and "Page not found." for a non-numeric id', async () => {
      const unknown = await host.request('GET', '/customers/999/tickets/', { headers: auth })
      expect(unknown.status).toBe(404)
      expect(unknown.body).toEqual({ name: 'Not Found', message: 'Object not found: 999', code: 0, status: 404 })
      const word = await host.request('GET', '/customers/acme/tickets/', { headers: auth })
      expect(word.status).toBe(404)
      expect(word.body.message).toBe('Page not found.')
    })
  })

  describe('get ticket', () => {
    it('returns the ticket, without the internal last-updated time', async () => {
      const reply = await host.request('GET', '/tickets/1001', { headers: auth })
      expect(reply.status).toBe(200)
      expect(reply.body.id).toBe(1001)
      expect(Object.keys(reply.body).sort()).toEqual(ticketFields)
    })

    it.each([
      ['/tickets/999999', 'Object not found: 999999'],
      ['/tickets/0', 'Object not found: 0'],
      ['/tickets/abc', 'Page not found.'],
      ['/tickets/-1', 'Page not found.'],
      ['/tickets/1.5', 'Page not found.'],
    ])('answers %s with 404 "%s"', async (path, message) => {
      const reply = await host.request('GET', path, { headers: auth })
      expect(reply.status).toBe(404)
      expect(reply.body).toEqual({ name: 'Not Found', message, code: 0, status: 404 })
    })
  })

  describe('create ticket', () => {
    it("fills the defaults: open, the type's initial priority and team, the customer's email; 201 with Location", async () => {
      const reply = await create(host, { customerID: 123, ticketType: 'technical support', subject: 'No dial tone' })
      expect(reply.status).toBe(201)
      const ticket = reply.body
      expect(ticket).toMatchObject({
        id: firstId + seeded,
        customerID: 123,
        ticketType: 'technical support',
        status: 'open',
        ticketPriority: 'high',
        customerEmail: 'accounts@harrowfinch.co.uk',
        subject: 'No dial tone',
        ticketContent: null,
        owner: null,
        users: null,
        departments: 'Technical Support',
        ticketSuppliers: null,
        ticketFollowupDate: null,
        ticketActionRequiredDate: null,
      })
      expect(ticket.createdDate).toMatch(timestamp)
      expect(Math.abs(ms(ticket.createdDate) - Date.now())).toBeLessThan(5_000)
      expect(reply.headers.get('location')).toBe(`${host.baseUrl}/tickets/${ticket.id}`)
      expect((await host.request('GET', `/tickets/${ticket.id}`, { headers: auth })).body).toEqual(ticket)
    })

    it('takes every writable field, normalising dates to the API form', async () => {
      const body = {
        customerID: 124,
        ticketType: 'billing',
        status: 'assigned',
        ticketPriority: 'urgent',
        customerEmail: 'finance@example.co.uk',
        subject: 'Duplicate charge',
        ticketContent: 'Line rental billed twice.',
        owner: 'Chloe Davies',
        users: 'Chloe Davies, Tom Gallagher',
        departments: 'Billing, Customer Services',
        ticketSuppliers: 'Gamma',
        ticketFollowupDate: '2025-07-01',
        ticketActionRequiredDate: '2025-06-20T14:30:00+01:00',
      }
      const reply = await create(host, body)
      expect(reply.status).toBe(201)
      expect(reply.body).toEqual({
        ...body,
        id: reply.body.id,
        createdDate: reply.body.createdDate,
        ticketFollowupDate: '2025-07-01 00:00:00',
        ticketActionRequiredDate: '2025-06-20 13:30:00',
      })
    })

    it('gives ids that keep growing and are never reused, like an auto-increment column', async () => {
      const a = (await create(host, { customerID: 123, ticketType: 'sales', subject: 'A' })).body
      await host.request('DELETE', `/tickets/${a.id}`, { headers: auth })
      const b = (await create(host, { customerID: 123, ticketType: 'sales', subject: 'B' })).body
      expect(b.id).toBe(a.id + 1)
    })

    it('accepts a urlencoded form, as a PHP backend does', async () => {
      const reply = await host.request('POST', '/tickets/', {
        headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'customerID=125&ticketType=sales&subject=Quote%20for%20SIP%20trunks&ticketPriority=low',
      })
      expect(reply.status).toBe(201)
      expect(reply.body).toMatchObject({ customerID: 125, ticketType: 'sales', subject: 'Quote for SIP trunks', ticketPriority: 'low' })
    })

    it('ignores unknown fields and the fields the API sets, as Yii 2 ignores unsafe attributes', async () => {
      const reply = await create(host, { customerID: 123, ticketType: 'sales', subject: 'Hi', id: 5, createdDate: '2001-01-01 00:00:00', colour: 'red' })
      expect(reply.status).toBe(201)
      expect(reply.body.id).toBe(firstId + seeded)
      expect(reply.body.createdDate).not.toBe('2001-01-01 00:00:00')
      expect(reply.body).not.toHaveProperty('colour')
    })

    it.each([
      [{}, [
        { field: 'customerID', message: 'Customer cannot be blank.' },
        { field: 'ticketType', message: 'Ticket Type cannot be blank.' },
        { field: 'subject', message: 'Subject cannot be blank.' },
      ]],
      [{ customerID: 999, ticketType: 'sales', subject: 'S' }, [{ field: 'customerID', message: 'Customer is invalid.' }]],
      [{ customerID: 'abc', ticketType: 'sales', subject: 'S' }, [{ field: 'customerID', message: 'Customer must be an integer.' }]],
      [{ customerID: 123, ticketType: 'complaint', subject: 'S' }, [{ field: 'ticketType', message: 'Ticket Type is invalid.' }]],
      [{ customerID: 123, ticketType: 'sales', subject: 'S', status: 'pending' }, [{ field: 'status', message: 'Ticket Status is invalid.' }]],
      [{ customerID: 123, ticketType: 'sales', subject: 'S', ticketPriority: 'p1' }, [{ field: 'ticketPriority', message: 'Ticket Priority is invalid.' }]],
      [{ customerID: 123, ticketType: 'sales', subject: 'S', owner: 'Nobody' }, [{ field: 'owner', message: 'Owned By is invalid.' }]],
      [{ customerID: 123, ticketType: 'sales', subject: '' }, [{ field: 'subject', message: 'Subject cannot be blank.' }]],
      [{ customerID: 123, ticketType: 'sales', subject: null }, [{ field: 'subject', message: 'Subject cannot be blank.' }]],
      [{ customerID: 123, ticketType: 'sales', subject: 's'.repeat(256) }, [{ field: 'subject', message: 'Subject should contain at most 255 characters.' }]],
      [{ customerID: 123, ticketType: 'sales', subject: 'S', customerEmail: 'nope' }, [{ field: 'customerEmail', message: "Customer's Email Address is not a valid email address." }]],
      [{ customerID: 123, ticketType: 'sales', subject: 'S', ticketFollowupDate: 'next week' }, [{ field: 'ticketFollowupDate', message: 'The format of Followup Required is invalid.' }]],
      [{ customerID: 123, ticketType: 'sales', subject: 'S', ticketActionRequiredDate: '2025-02-29' }, [{ field: 'ticketActionRequiredDate', message: 'The format of Action Required is invalid.' }]],
    ])('rejects %j with Yii 422 field errors', async (body, errors) => {
      const reply = await create(host, body)
      expect(reply.status).toBe(422)
      expect(reply.body).toEqual(errors)
    })

    it('answers malformed JSON with 400, a wrong content type with 415, an empty body with the blank fields', async () => {
      const malformed = await host.request('POST', '/tickets/', { headers: { ...auth, 'content-type': 'application/json' }, body: '{"subject": }' })
      expect(malformed.status).toBe(400)
      expect(malformed.body).toEqual({ name: 'Bad Request', message: 'Invalid JSON data in request body: Syntax error.', code: 0, status: 400 })
      const text = await host.request('POST', '/tickets/', { headers: { ...auth, 'content-type': 'text/plain' }, body: 'subject=x' })
      expect(text.status).toBe(415)
      expect(text.body.message).toBe('Content type text/plain is not supported: send application/json or application/x-www-form-urlencoded or multipart/form-data.')
      const empty = await host.request('POST', '/tickets/', { headers: { ...auth, 'content-type': 'application/json' }, body: '' })
      expect(empty.status).toBe(422)
      expect(empty.body.map((e: { field: string }) => e.field)).toEqual(['customerID', 'ticketType', 'subject'])
      const list = await host.request('POST', '/tickets/', { headers: auth, body: [1, 2] })
      expect(list.status).toBe(400)
      expect(list.body.message).toMatch(/^Invalid JSON data in request body/)
      expect((await walk(host, '/tickets/')).tickets).toHaveLength(seeded)
    })

    it('answers an oversized body with mockdesk 413, not a crash', async () => {
      const reply = await create(host, { customerID: 123, ticketType: 'sales', subject: 'S', ticketContent: 'x'.repeat(2 * 1024 * 1024) })
      expect(reply.status).toBe(413)
      expect(reply.kitError).toBe(true)
      expect(reply.body.code).toBe('MOCKDESK_BODY_TOO_LARGE')
    })
  })

  describe('update ticket', () => {
    it.each(['PUT', 'PATCH'])('%s changes only the fields sent and returns the modified ticket', async (method) => {
      const before = (await host.request('GET', '/tickets/1003', { headers: auth })).body
      const reply = await host.request(method, '/tickets/1003', { headers: auth, body: { status: 'in progress', owner: 'Priya Sharma', ticketFollowupDate: '2025-08-01 09:00:00' } })
      expect(reply.status).toBe(200)
      expect(reply.body).toEqual({ ...before, status: 'in progress', owner: 'Priya Sharma', ticketFollowupDate: '2025-08-01 09:00:00' })
      expect((await host.request('GET', '/tickets/1003', { headers: auth })).body).toEqual(reply.body)
    })

    it('clears a nullable field with null and refuses null for a required one', async () => {
      await host.request('PUT', '/tickets/1004', { headers: auth, body: { owner: 'Tom Gallagher' } })
      const cleared = await host.request('PUT', '/tickets/1004', { headers: auth, body: { owner: null, ticketSuppliers: null } })
      expect(cleared.body).toMatchObject({ owner: null, ticketSuppliers: null })
      const blank = await host.request('PUT', '/tickets/1004', { headers: auth, body: { subject: null, ticketType: null, customerEmail: null } })
      expect(blank.status).toBe(422)
      expect(blank.body).toEqual([
        { field: 'ticketType', message: 'Ticket Type cannot be blank.' },
        { field: 'customerEmail', message: "Customer's Email Address cannot be blank." },
        { field: 'subject', message: 'Subject cannot be blank.' },
      ])
    })

    it('keeps the ticket as it was when the update is invalid', async () => {
      const before = (await host.request('GET', '/tickets/1006', { headers: auth })).body
      const reply = await host.request('PATCH', '/tickets/1006', { headers: auth, body: { customerID: 999, subject: 'Changed' } })
      expect(reply.status).toBe(422)
      expect(reply.body).toEqual([{ field: 'customerID', message: 'Customer is invalid.' }])
      expect((await host.request('GET', '/tickets/1006', { headers: auth })).body).toEqual(before)
    })

    it('answers an empty body with the ticket unchanged, as Yii 2 saves a model nothing was loaded into', async () => {
      const before = (await host.request('GET', '/tickets/1007', { headers: auth })).body
      const reply = await host.request('PUT', '/tickets/1007', { headers: auth })
      expect(reply.status).toBe(200)
      expect(reply.body).toEqual(before)
    })

    it('answers an unknown ticket with 404', async () => {
      for (const method of ['PUT', 'PATCH']) {
        const reply = await host.request(method, '/tickets/999999', { headers: auth, body: { status: 'closed' } })
        expect(reply.status).toBe(404)
        expect(reply.body.message).toBe('Object not found: 999999')
      }
    })
  })

  describe('lifecycle', () => {
    it('create → get → update → get → delete → get 404', async () => {
      const created = await create(host, { customerID: 126, ticketType: 'billing', subject: 'Direct Debit failed' })
      expect(created.status).toBe(201)
      const id = created.body.id
      expect((await host.request('GET', `/tickets/${id}`, { headers: auth })).body).toEqual(created.body)
      const updated = await host.request('PUT', `/tickets/${id}`, { headers: auth, body: { status: 'resolved', ticketContent: 'Customer updated bank details.' } })
      expect(updated.body).toEqual({ ...created.body, status: 'resolved', ticketContent: 'Customer updated bank details.' })
      expect((await host.request('GET', `/tickets/${id}`, { headers: auth })).body).toEqual(updated.body)
      const deleted = await host.request('DELETE', `/tickets/${id}`, { headers: auth })
      expect(deleted.status).toBe(204)
      expect(deleted.text).toBe('')
      expect((await host.request('GET', `/tickets/${id}`, { headers: auth })).status).toBe(404)
      expect((await host.request('DELETE', `/tickets/${id}`, { headers: auth })).status).toBe(404)
      expect(ids((await host.request('GET', `/tickets/?idAfter=${id - 1}`, { headers: auth })).body)).toEqual([])
    })
  })

  describe('trailing slashes: the documented and the bare spelling both answer', () => {
    it.each([
      ['/tickets/', '/tickets'],
      ['/tickets/?idAfter=1200', '/tickets?idAfter=1200'],
      ['/customers/123/tickets/', '/customers/123/tickets'],
      ['/customers/', '/customers'],
      ['/customers/?accountNumber=C12345', '/customers?accountNumber=C12345'],
      ['/tickets/1001', '/tickets/1001/'],
      ['/customers/123', '/customers/123/'],
    ])('%s and %s give the same answer', async (documented, other) => {
      const a = await host.request('GET', documented, { headers: auth })
      // The spec documents one spelling; the other is checked by being equal to it.
      const b = await host.request('GET', other, { headers: auth, unchecked: true })
      expect(a.status).toBe(200)
      expect(b.status).toBe(200)
      expect(b.body).toEqual(a.body)
    })

    it('creates through /tickets as through /tickets/', async () => {
      const reply = await host.request('POST', '/tickets', { headers: auth, body: { customerID: 123, ticketType: 'sales', subject: 'Bare path' }, unchecked: true })
      expect(reply.status).toBe(201)
      expect((await host.request('GET', `/tickets/${reply.body.id}`, { headers: auth })).body.subject).toBe('Bare path')
    })
  })

  describe('auth', () => {
    it.each([
      ['no header', {}],
      ['an unknown key', { authorization: 'Bearer bp_00000000000000000000000000000000' }],
      ['a key sent as Basic', { authorization: `Basic ${btoa(`${keys[0]!.key}:`)}` }],
      ['an empty Bearer', { authorization: 'Bearer ' }],
    ])('answers 401 with the Bearer challenge for %s', async (_, headers) => {
      for (const path of ['/tickets/', '/tickets/1001', '/customers/', '/customers/123', '/customers/123/tickets/']) {
        const reply = await host.request('GET', path, { headers })
        expect(reply.status).toBe(401)
        expect(reply.headers.get('www-authenticate')).toBe('Bearer realm="api"')
        expect(reply.body).toEqual({ name: 'Unauthorized', message: 'Your request was made with invalid credentials.', code: 0, status: 401 })
      }
    })

    it('accepts every README key, and checks auth before the body', async () => {
      for (const { key } of keys) expect((await host.request('GET', '/tickets/1001', { headers: { authorization: `Bearer ${key}` } })).status).toBe(200)
      expect((await host.request('POST', '/tickets/', { body: { bogus: true } })).status).toBe(401)
      expect((await host.request('DELETE', '/tickets/1001')).status).toBe(401)
      expect((await host.request('GET', '/tickets/1001', { headers: auth })).status).toBe(200)
    })
  })

  describe('explicit errors (Prefer: code=)', () => {
    it('returns the documented 429 and 500 bodies', async () => {
      const limited = await host.request('GET', '/tickets/', { headers: { ...auth, prefer: 'code=429' } })
      expect(limited.status).toBe(429)
      expect(limited.body).toEqual({ name: 'Too Many Requests', message: 'Rate limit exceeded.', code: 0, status: 429 })
      const failed = await host.request('DELETE', '/tickets/1001?__code=500', { headers: auth })
      expect(failed.status).toBe(500)
      expect(failed.body.message).toBe('An internal server error occurred.')
      expect((await host.request('GET', '/tickets/1001', { headers: auth })).status).toBe(200)
    })

    it('returns the documented 422 example and the 401 with its challenge header', async () => {
      const invalid = await host.request('POST', '/tickets/', { headers: { ...auth, prefer: 'code=422' }, body: {} })
      expect(invalid.body).toEqual([{ field: 'customerID', message: 'Customer is invalid.' }])
      const unauthorized = await host.request('GET', '/customers/', { headers: { prefer: 'code=401' } })
      expect(unauthorized.headers.get('www-authenticate')).toBe('Bearer realm="api"')
    })

    it('answers an undocumented status with a mockdesk error listing the documented ones', async () => {
      const reply = await host.request('GET', '/tickets/1001', { headers: { ...auth, prefer: 'code=418' } })
      expect(reply.kitError).toBe(true)
      expect(reply.body).toMatchObject({ code: 'MOCKDESK_UNDOCUMENTED_STATUS', documented: ['200', '401', '404', '429', '500'] })
    })
  })

  describe('routes outside the spec', () => {
    it('answers an undocumented method with mockdesk 405 and Allow, on either spelling', async () => {
      const reply = await host.request('POST', '/tickets/1001', { headers: auth, body: {} })
      expect(reply.status).toBe(405)
      expect(reply.headers.get('allow')).toBe('GET, PUT, DELETE, PATCH')
      expect((await host.request('DELETE', '/customers', { headers: auth })).status).toBe(405)
    })

    it('answers an undocumented path with mockdesk 404 listing the documented operations', async () => {
      const reply = await host.request('GET', '/notes/', { headers: auth })
      expect(reply.status).toBe(404)
      expect(reply.body.code).toBe('MOCKDESK_NO_ROUTE')
      expect(reply.body.documented).toContain(`GET ${host.baseUrl}/customers/{id}/tickets/`)
    })
  })

  it('says when a list was cut: Yii 2\'s pagination headers and a Link to the rest', async () => {
    const first = await host.request('GET', '/tickets/', { headers: auth })
    expect(first.body).toHaveLength(pageSize)
    expect(first.headers.get('x-pagination-total-count')).toBe(String(seeded))
    expect(first.headers.get('x-pagination-per-page')).toBe(String(pageSize))
    const next = /^<([^>]+)>; rel="next"$/.exec(first.headers.get('link') ?? '')
    expect(next, first.headers.get('link') ?? 'no Link header').not.toBeNull()
    expect(new URL(next![1]!).searchParams.get('idAfter')).toBe(String(firstId + pageSize - 1))
    const second = await host.request('GET', `/tickets/${new URL(next![1]!).search}`, { headers: auth })
    expect(second.body[0].id).toBe(firstId + pageSize)
    expect(second.headers.get('x-pagination-total-count')).toBe(String(seeded - pageSize))
    const last = await host.request('GET', `/tickets/?idAfter=${firstId + 2 * pageSize - 1}`, { headers: auth })
    expect(last.body).toHaveLength(seeded - 2 * pageSize)
    expect(last.headers.get('link')).toBeNull()
    const own = await host.request('GET', '/customers/123/tickets/', { headers: auth })
    expect(own.headers.get('x-pagination-total-count')).toBe(String(own.body.length))
  })

  it('reads a string of digits as the number in JSON, as Yii\'s integer validator does', async () => {
    const reply = await create(host, { customerID: '123', ticketType: 'billing', subject: 'Digits' })
    expect(reply.status).toBe(201)
    expect(reply.body.customerID).toBe(123)
    const patched = await host.request('PATCH', `/tickets/${reply.body.id}`, { headers: auth, body: { customerID: ' 124 ' } })
    expect(patched.body.customerID).toBe(124)
    const words = await create(host, { customerID: 'one two three', ticketType: 'billing', subject: 'Words' })
    expect(words.status).toBe(422)
    expect(words.body).toEqual([{ field: 'customerID', message: 'Customer must be an integer.' }])
  })

  it('creates from a multipart form, as PHP reads multipart POSTs into $_POST', async () => {
    const form = new FormData()
    form.append('customerID', '123')
    form.append('ticketType', 'technical support')
    form.append('subject', 'From a form')
    const encoded = new Response(form)
    const reply = await host.request('POST', '/tickets/', {
      headers: { ...auth, 'content-type': encoded.headers.get('content-type')! },
      body: await encoded.text(),
    })
    expect(reply.status).toBe(201)
    expect(reply.body).toMatchObject({ customerID: 123, ticketType: 'technical support', subject: 'From a form', ticketPriority: 'high' })
  })

  it('refuses a preset value the mock tenant does not have, as Yii\'s in rule does', async () => {
    const reply = await create(host, { customerID: 123, ticketType: 'complaints', subject: 'Other tenant', status: 'pending' })
    expect(reply.status).toBe(422)
    expect(reply.body).toEqual([
      { field: 'ticketType', message: 'Ticket Type is invalid.' },
      { field: 'status', message: 'Ticket Status is invalid.' },
    ])
  })

  it('accepts exactly the preset values of the mock tenant (the spec\'s x-mockdesk-presets)', async () => {
    for (const status of presetValues.status) expect((await host.request('PATCH', '/tickets/1008', { headers: auth, body: { status } })).status).toBe(200)
    for (const owner of presetValues.owner) expect((await host.request('PATCH', '/tickets/1008', { headers: auth, body: { owner } })).status).toBe(200)
    for (const { name, initialPriority, team } of presets.ticketTypes) {
      const reply = await create(host, { customerID: 123, ticketType: name, subject: name })
      expect(reply.body).toMatchObject({ ticketPriority: initialPriority, departments: team })
    }
  })
})
