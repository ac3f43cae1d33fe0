import { describe, expect, it } from 'vitest'
import { describeHosts } from '../../support/hosts.ts'
import { full, multipart, reader, thomas, ticketsOnly, urlencoded, writer } from './support.ts'

const missingKey = { status: 'error', message: 'No API key given: send it in the apiKey header or as ?apiKey= in the URL.' }
const invalidKey = { status: 'error', message: 'Invalid API key.' }
const noRead = { status: 'error', message: 'This API key does not have the CUSTOMER_READ permission.' }
const noCud = { status: 'error', message: 'This API key does not have the CUSTOMER_CUD permission.' }

describeHosts('omnidesk', (host) => {
  describe('auth', () => {
    it.each([
      ['no key', {}, missingKey],
      ['an empty apiKey header', { apiKey: '' }, missingKey],
      ['an unknown key', { apiKey: 'k7q2m9x4w8e1r6t3y5u0i2o4p9a7s3d2' }, invalidKey],
      ['a key as a Bearer token', { authorization: `Bearer ${full.apiKey}` }, missingKey],
    ])('answers 401 for %s', async (_, headers, body) => {
      const reply = await host.request('GET', '/api/v2/customer', { headers })
      expect(reply.status).toBe(401)
      expect(reply.body).toEqual(body)
    })

    it('takes the key from the apiKey query parameter, as the authentication page shows', async () => {
      const reply = await host.request('GET', `/api/v2/customer?apiKey=${full.apiKey}&itemLimit=5`)
      expect(reply.status).toBe(200)
      expect(reply.body.items).toHaveLength(5)
      expect((await host.request('GET', '/api/v2/customer?apiKey=nope')).body).toEqual(invalidKey)
    })

    it('uses the header when both are sent', async () => {
      expect((await host.request('GET', '/api/v2/customer?apiKey=nope', { headers: full })).status).toBe(200)
      expect((await host.request('GET', `/api/v2/customer?apiKey=${full.apiKey}`, { headers: { apiKey: 'nope' } })).body).toEqual(invalidKey)
    })

    it('lets a CUSTOMER_READ key read and search, and forbids it every write', async () => {
      expect((await host.request('GET', `/api/v2/customer/${thomas}`, { headers: reader })).status).toBe(200)
      expect((await host.request('GET', '/api/v2/customer/timelineByCustomerExternalID?brand_id=2&external_id=42342345345', { headers: reader })).status).toBe(200)
      const writes: Array<[string, string, { body?: string; headers: Record<string, string> }]> = [
        ['POST', '/api/v2/customer', await multipart({ brand_id: 2, primary_id: 'r' }, reader)],
        ['PUT', '/api/v2/customer', urlencoded({ customerID: thomas }, reader)],
        ['PUT', `/api/v2/customer/${thomas}`, urlencoded({ firstname: 'R' }, reader)],
        ['DELETE', `/api/v2/customer/${thomas}`, { headers: reader }],
        ['POST', '/api/v2/customer/addChannelOnly', await multipart({ customer_id: thomas, extra_twitter: 'r' }, reader)],
        ['PUT', '/api/v2/customer/updateCustomer', urlencoded({ externalPrimaryID: '42342345345' }, reader)],
        ['DELETE', `/api/v2/customer/${thomas}/channel/310001`, { headers: reader }],
        ['DELETE', `/api/v2/customer/${thomas}/purgeData`, { headers: reader }],
        ['POST', '/api/v2/customer/externalEvent', await multipart({ customer_id: thomas, message: 'r' }, reader)],
        ['POST', '/api/v2/customer/syncWithCRM', await multipart({ brandID: 1, channel: 'email', address: 'a@b.nl' }, reader)],
        ['POST', '/api/v2/customer/createCustomerCRUD', await multipart({ brandID: 2 }, reader)],
      ]
      for (const [method, path, options] of writes) {
        const reply = await host.request(method, path, options)
        expect(reply.status, `${method} ${path}`).toBe(403)
        expect(reply.body).toEqual(noCud)
      }
      expect((await host.request('GET', `/api/v2/customer/${thomas}`, { headers: reader })).body.item.firstname).toBe('Thomas')
    })

    it('lets a CUSTOMER_CUD key write and forbids it every read', async () => {
      expect((await host.request('PUT', `/api/v2/customer/${thomas}`, urlencoded({ firstname: 'Wim' }, writer))).status).toBe(200)
      const reads: Array<[string, string, { body?: string; headers: Record<string, string> }]> = [
        ['GET', '/api/v2/customer', { headers: writer }],
        ['GET', `/api/v2/customer/${thomas}`, { headers: writer }],
        ['POST', '/api/v2/customer/SearchByPrimaryExternalID', await multipart({ primary_id: '42342345345' }, writer)],
        ['POST', '/api/v2/customer/SearchByCustomerChannelValue', await multipart({ customerChannelValue: 'thomas@test.com' }, writer)],
        ['GET', '/api/v2/customer/timelineByCustomerExternalID?brand_id=2&external_id=42342345345', { headers: writer }],
      ]
      for (const [method, path, options] of reads) {
        const reply = await host.request(method, path, options)
        expect(reply.status, `${method} ${path}`).toBe(403)
        expect(reply.body).toEqual(noRead)
      }
    })

    it('forbids a key without customer permissions everything', async () => {
      expect((await host.request('GET', '/api/v2/customer', { headers: ticketsOnly })).body).toEqual(noRead)
      expect((await host.request('DELETE', `/api/v2/customer/${thomas}`, { headers: ticketsOnly })).body).toEqual(noCud)
    })

    it('checks the key before the body', async () => {
      const reply = await host.request('POST', '/api/v2/customer', { headers: { 'content-type': 'application/json' }, body: '{"bogus":' })
      expect(reply.status).toBe(401)
    })
  })

  describe('bodies', () => {
    it('refuses JSON where a form is expected, naming the form types', async () => {
      const reply = await host.request('POST', '/api/v2/customer', { headers: full, body: { brand_id: 2, primary_id: 'json' } })
      expect(reply.status).toBe(400)
      expect(reply.body).toEqual({
        status: 'error',
        message: 'Content type application/json is not accepted here: send the fields as multipart/form-data or application/x-www-form-urlencoded.',
      })
      const put = await host.request('PUT', `/api/v2/customer/${thomas}`, { headers: full, body: { firstname: 'Json' } })
      expect(put.body.message).toBe('Content type application/json is not accepted here: send the fields as application/x-www-form-urlencoded.')
    })

    it('refuses a malformed multipart body', async () => {
      const reply = await host.request('POST', '/api/v2/customer', {
        headers: { ...full, 'content-type': 'multipart/form-data; boundary=expected' },
        body: '--other\r\nContent-Disposition: form-data; name="brand_id"\r\n\r\n2\r\n--other--\r\n',
      })
      expect(reply.status).toBe(400)
      expect(reply.body).toEqual({ status: 'error', message: 'The body is not valid multipart/form-data: check the boundary in the Content-Type header.' })
    })

    it('refuses a multipart body without a boundary', async () => {
      const reply = await host.request('POST', '/api/v2/customer', { headers: { ...full, 'content-type': 'multipart/form-data' }, body: 'brand_id=2' })
      expect(reply.status).toBe(400)
      expect(reply.body.status).toBe('error')
    })

    it('refuses a missing body with the form types to send', async () => {
      const reply = await host.request('POST', '/api/v2/customer/externalEvent', { headers: full })
      expect(reply.body).toEqual({ status: 'error', message: 'A request body is required: send the fields as multipart/form-data or application/x-www-form-urlencoded.' })
    })

    it('joins several problems into one message', async () => {
      const reply = await host.request('POST', '/api/v2/customer', await multipart({ brand_id: 'x', firstname: '1' }))
      expect(reply.body.message).toBe("Parameter brand_id must be an integer. Parameter firstname does not match ^[a-zA-ZÀ-ÖØ-Þß-öø-ÿŠš.\\-' ]*$.")
    })

    it('answers an oversized body with mockdesk 413, not a crash', async () => {
      const reply = await host.request('PUT', `/api/v2/customer/${thomas}`, urlencoded({ custom_testfield: 'x'.repeat(2 * 1024 * 1024) }))
      expect(reply.status).toBe(413)
      expect(reply.kitError).toBe(true)
      expect(reply.body.code).toBe('MOCKDESK_BODY_TOO_LARGE')
    })

    it('refuses a custom field value over 255 characters', async () => {
      const reply = await host.request('PUT', `/api/v2/customer/${thomas}`, urlencoded({ custom_testfield: 'x'.repeat(256) }))
      expect(reply.body).toEqual({ status: 'error', message: 'Parameter custom_testfield must be at most 255 characters long.' })
    })
  })

  describe('explicit errors (Prefer: code=)', () => {
    it('returns the documented 500 and 403 bodies', async () => {
      const crash = await host.request('GET', '/api/v2/customer', { headers: { ...full, prefer: 'code=500' } })
      expect(crash.status).toBe(500)
      expect(crash.body).toEqual({ status: 'error', message: 'An internal error occurred.' })
      const forbidden = await host.request('DELETE', `/api/v2/customer/${thomas}?__code=403`, { headers: full })
      expect(forbidden.body).toEqual(noCud)
      expect((await host.request('GET', `/api/v2/customer/${thomas}`, { headers: full })).status).toBe(200)
    })

    it('answers an undocumented status with a mockdesk error that lists the documented ones', async () => {
      const reply = await host.request('GET', '/api/v2/customer', { headers: { ...full, prefer: 'code=404' } })
      expect(reply.kitError).toBe(true)
      expect(reply.body).toMatchObject({ code: 'MOCKDESK_UNDOCUMENTED_STATUS', documented: ['200', '400', '401', '403', '500'] })
    })
  })

  describe('routes', () => {
    it('never takes a literal sub-path for a customer id', async () => {
      const reply = await host.request('GET', '/api/v2/customer/addChannelOnly', { headers: full })
      expect(reply.status).toBe(405)
      expect(reply.kitError).toBe(true)
      expect(reply.headers.get('allow')).toBe('POST')
      const search = await host.request('GET', '/api/v2/customer/SearchByPrimaryExternalID', { headers: full })
      expect(search.headers.get('allow')).toBe('POST')
    })

    it('answers an undocumented method on an item with mockdesk 405 and Allow', async () => {
      const reply = await host.request('POST', `/api/v2/customer/${thomas}`, { headers: full })
      expect(reply.status).toBe(405)
      expect(reply.headers.get('allow')).toBe('GET, PUT, DELETE')
    })

    it('answers an unknown path with mockdesk 404 listing the documented operations', async () => {
      const reply = await host.request('GET', '/api/v2/ticket/858462', { headers: full })
      expect(reply.status).toBe(404)
      expect(reply.body.code).toBe('MOCKDESK_NO_ROUTE')
      expect(reply.body.documented).toContain(`POST ${host.baseUrl}/api/v2/customer/addChannelOnly`)
    })
  })
})
