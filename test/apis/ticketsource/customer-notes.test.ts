import { describe, expect, it } from 'vitest'
import docRecords from '../../../fixtures/ticketsource/doc-records.json'
import { describeHosts } from '../../support/hosts.ts'
import { bearer, minimalCustomer, noteId, sampleCustomerId, sampleCustomerNotes, sampleNoteId, timestamp, walk, within } from './support.ts'

const notes = `/customers/${sampleCustomerId}/notes`
const note = (attributes: Record<string, unknown>, type: unknown = 'customer_note') => ({ data: { type, attributes } })
const valid = { description: 'Prefers aisle seats.', created_by: 'Box Office' }
const otherCustomer = async (host: Parameters<Parameters<typeof describeHosts>[1]>[0]) =>
  (await host.request('POST', '/customers', { headers: bearer, body: minimalCustomer })).body.data.id as string

describeHosts('ticketsource', (host) => {
  describe('notes: list', () => {
    it('pages the docs customer\'s notes as the docs show them: the docs note first, a next page', async () => {
      const reply = await host.request('GET', notes, { headers: bearer })
      expect(reply.status).toBe(200)
      expect(reply.body.data).toHaveLength(10)
      const { customer_id: _, ...sample } = docRecords.notes[0]!
      expect(reply.body.data[0]).toEqual({
        ...sample,
        links: { self: `${host.baseUrl}${notes}/${sampleNoteId}`, customer: `${host.baseUrl}/customers/${sampleCustomerId}` },
      })
      expect(reply.body.links).toEqual({ first: `${host.baseUrl}${notes}?page=1`, last: null, prev: null, next: `${host.baseUrl}${notes}?page=2` })
      expect(reply.body.meta).toEqual({ current_page: 1, from: 1, path: `${host.baseUrl}${notes}`, per_page: 10, to: 10 })
      const second = await host.request('GET', within(host, reply.body.links.next), { headers: bearer })
      expect(second.body.meta).toMatchObject({ current_page: 2, from: 11, to: sampleCustomerNotes })
      expect(second.body.links).toMatchObject({ prev: `${host.baseUrl}${notes}?page=1`, next: null })
    })

    it('walks every note by following next, without gaps or repeats, oldest first', async () => {
      const all = await walk(host, `${notes}?per_page=5`)
      expect(all.ids).toHaveLength(sampleCustomerNotes)
      expect(new Set(all.ids).size).toBe(sampleCustomerNotes)
      expect(all.pages).toBe(3)
      const everything = (await host.request('GET', `${notes}?per_page=100`, { headers: bearer })).body.data
      expect(everything.map((n: { id: string }) => n.id)).toEqual(all.ids)
      const created = everything.map((n: { attributes: { created_at: string } }) => n.attributes.created_at)
      expect(created).toEqual([...created].sort())
    })

    it('answers a customer without notes with an empty first page', async () => {
      const id = await otherCustomer(host)
      const reply = await host.request('GET', `/customers/${id}/notes`, { headers: bearer })
      expect(reply.body).toEqual({
        data: [],
        links: { first: `${host.baseUrl}/customers/${id}/notes?page=1`, last: null, prev: null, next: null },
        meta: { current_page: 1, from: null, path: `${host.baseUrl}/customers/${id}/notes`, per_page: 10, to: null },
      })
    })

    it('validates paging as the customer list does, after binding the customer', async () => {
      const reply = await host.request('GET', `${notes}?per_page=101`, { headers: bearer })
      expect(reply.status).toBe(422)
      expect(reply.body.errors).toEqual({ per_page: ['The per page field must not be greater than 100.'] })
      const unknown = await host.request('GET', '/customers/cst-0000000000/notes?per_page=101', { headers: bearer })
      expect(unknown.status).toBe(404)
      expect(unknown.body).toEqual({ message: 'No query results for model [App\\Models\\Customer] cst-0000000000' })
    })
  })

  describe('notes: lifecycle', () => {
    it('create (customer_note in, customer-note out) → get → list → delete → get 404', async () => {
      const created = await host.request('POST', notes, { headers: bearer, body: note(valid) })
      expect(created.status).toBe(201)
      const { id, type, attributes, links } = created.body.data
      expect(id).toMatch(noteId)
      expect(type).toBe('customer-note')
      expect(attributes).toEqual({ ...valid, created_at: expect.stringMatching(timestamp), updated_at: null })
      expect(links).toEqual({ self: `${host.baseUrl}${notes}/${id}`, customer: `${host.baseUrl}/customers/${sampleCustomerId}` })

      expect((await host.request('GET', within(host, links.self), { headers: bearer })).body).toEqual(created.body)
      const last = await host.request('GET', `${notes}?page=${sampleCustomerNotes + 1}&per_page=1`, { headers: bearer })
      expect(last.body.data).toEqual([created.body.data])

      const deleted = await host.request('DELETE', within(host, links.self), { headers: bearer })
      expect(deleted.status).toBe(204)
      expect(deleted.text).toBe('')
      const gone = await host.request('GET', within(host, links.self), { headers: bearer })
      expect(gone.status).toBe(404)
      expect(gone.body).toEqual({ message: `No query results for model [App\\Models\\CustomerNote] ${id}` })
      expect((await host.request('DELETE', within(host, links.self), { headers: bearer })).status).toBe(404)
    })

    it('takes a customer\'s notes with it when the customer is deleted', async () => {
      const id = await otherCustomer(host)
      const created = await host.request('POST', `/customers/${id}/notes`, { headers: bearer, body: note(valid) })
      const path = within(host, created.body.data.links.self)
      expect((await host.request('DELETE', `/customers/${id}`, { headers: bearer })).status).toBe(204)
      const reply = await host.request('GET', path, { headers: bearer })
      expect(reply.status).toBe(404)
      expect(reply.body.message).toBe(`No query results for model [App\\Models\\Customer] ${id}`)
    })

    it('scopes notes to their customer: another customer\'s note id is 404', async () => {
      const id = await otherCustomer(host)
      for (const method of ['GET', 'DELETE']) {
        const reply = await host.request(method, `/customers/${id}/notes/${sampleNoteId}`, { headers: bearer })
        expect(reply.status).toBe(404)
        expect(reply.body).toEqual({ message: `No query results for model [App\\Models\\CustomerNote] ${sampleNoteId}` })
      }
      expect((await host.request('GET', `${notes}/${sampleNoteId}`, { headers: bearer })).status).toBe(200)
    })

    it('answers every note operation on an unknown customer with the customer 404, before validating', async () => {
      const customer = { message: 'No query results for model [App\\Models\\Customer] cst-0000000000' }
      const base = '/customers/cst-0000000000/notes'
      for (const [method, path, body] of [
        ['GET', base, undefined],
        ['POST', base, { bogus: true }],
        ['GET', `${base}/${sampleNoteId}`, undefined],
        ['DELETE', `${base}/${sampleNoteId}`, undefined],
      ] as const) {
        const reply = await host.request(method, path, { headers: bearer, body })
        expect(reply.status, `${method} ${path}`).toBe(404)
        expect(reply.body).toEqual(customer)
      }
    })
  })

  describe('notes: validation', () => {
    it.each([
      ['the response type customer-note', note(valid, 'customer-note'), 'data.type', 'The selected type is invalid.'],
      ['the customer type', note(valid, 'customer'), 'data.type', 'The selected type is invalid.'],
      ['no description', note({ created_by: 'Box Office' }), 'data.attributes.description', 'The description field is required.'],
      ['a blank created_by', note({ ...valid, created_by: ' ' }), 'data.attributes.created_by', 'The created by field is required.'],
      ['a long description', note({ ...valid, description: 'x'.repeat(65_536) }), 'data.attributes.description', 'The description field must not be greater than 65535 characters.'],
    ])('rejects %s with Laravel\'s 422', async (_, body, field, text) => {
      const reply = await host.request('POST', notes, { headers: bearer, body })
      expect(reply.status).toBe(422)
      expect(reply.body).toEqual({ message: text, errors: { [field]: [text] } })
    })

    it('drops an attribute it has no rule for (updated_at), as validated() does', async () => {
      const reply = await host.request('POST', notes, { headers: bearer, body: note({ ...valid, updated_at: '2020-01-01T00:00:00+00:00' }) })
      expect(reply.status).toBe(201)
      expect(reply.body.data.attributes.updated_at).toBeNull()
    })

    it('lists every required field for an empty body', async () => {
      const reply = await host.request('POST', notes, { headers: bearer, body: {} })
      expect(reply.body.message).toBe('The data field is required. (and 4 more errors)')
      expect(Object.keys(reply.body.errors)).toEqual(['data', 'data.type', 'data.attributes', 'data.attributes.description', 'data.attributes.created_by'])
    })

    it('returns the documented 404 example through Prefer', async () => {
      const reply = await host.request('GET', `${notes}/${sampleNoteId}`, { headers: { ...bearer, prefer: 'code=404' } })
      expect(reply.body).toEqual({ message: 'No query results for model [App\\Models\\CustomerNote] csn-xxxxxxxxxx9' })
    })

    it('documents no PATCH for notes: mockdesk 405', async () => {
      const reply = await host.request('PATCH', `${notes}/${sampleNoteId}`, { headers: bearer, body: {} })
      expect(reply.status).toBe(405)
      expect(reply.headers.get('allow')).toBe('GET, DELETE')
    })
  })
})
