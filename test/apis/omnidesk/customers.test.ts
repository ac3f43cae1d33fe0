import { describe, expect, it } from 'vitest'
import { describeHosts, type Host } from '../../support/hosts.ts'
import { full, multipart, thomas, urlencoded } from './support.ts'

const seeded = 150
const naive = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/

const thomasSummary = {
  id: thomas,
  external_primary_id: '42342345345',
  brand_name: 'MyBrand',
  firstname: 'Thomas',
  lastname: 'Jansen',
  channels: [
    { id: 310001, channel_id: 1, channel_name: 'email', address: 'thomas@test.com' },
    { id: 310002, channel_id: 2, channel_name: 'telephone', address: '+31612312311' },
  ],
}

const get = (host: Host, path: string, headers = full) => host.request('GET', path, { headers })
const item = async (host: Host, id: number) => (await get(host, `/api/v2/customer/${id}`)).body.item
const findByPrimaryId = async (host: Host, primary_id: string, brand_id?: number) =>
  host.request('POST', '/api/v2/customer/SearchByPrimaryExternalID', await multipart(brand_id === undefined ? { primary_id } : { primary_id, brand_id }))

describeHosts('omnidesk', (host) => {
  describe('GET index', () => {
    it('answers the list envelope, 15 customers by default, the docs customer first', async () => {
      const reply = await get(host, '/api/v2/customer')
      expect(reply.status).toBe(200)
      expect(reply.headers.get('content-type')).toBe('application/json')
      expect(reply.body).toMatchObject({ type: 'list', itemStart: 0, itemTotal: seeded, itemLimit: 15 })
      expect(reply.body.items).toHaveLength(15)
      expect(reply.body.items[0]).toEqual(thomasSummary)
      expect(Object.keys(reply.body.items[1]).sort()).toEqual(['brand_name', 'channels', 'external_primary_id', 'firstname', 'id', 'lastname'])
    })

    it('pages with itemStart and itemLimit without gaps or repeats, in id order', async () => {
      const ids: number[] = []
      for (let itemStart = 0; ; itemStart += 40) {
        const page = await get(host, `/api/v2/customer?itemStart=${itemStart}&itemLimit=40`)
        expect(page.body).toMatchObject({ itemStart, itemLimit: 40, itemTotal: seeded })
        ids.push(...page.body.items.map((c: { id: number }) => c.id))
        if (page.body.items.length < 40) break
      }
      expect(ids).toHaveLength(seeded)
      expect(new Set(ids).size).toBe(seeded)
      expect(ids).toEqual([...ids].sort((a, b) => a - b))
    })

    it('accepts the edges: itemLimit 99 and 0, itemStart at and past the end (true itemTotal)', async () => {
      expect((await get(host, '/api/v2/customer?itemLimit=99')).body.items).toHaveLength(99)
      const none = (await get(host, '/api/v2/customer?itemLimit=0')).body
      expect(none).toMatchObject({ itemTotal: seeded, itemLimit: 0, items: [] })
      expect((await get(host, `/api/v2/customer?itemStart=${seeded - 1}`)).body.items).toHaveLength(1)
      for (const start of [seeded, 1000]) {
        const past = await get(host, `/api/v2/customer?itemStart=${start}`)
        expect(past.status).toBe(200)
        expect(past.body).toEqual({ type: 'list', itemStart: start, itemTotal: seeded, itemLimit: 15, items: [] })
      }
    })

    it.each([
      ['itemLimit=100', 'Parameter itemLimit must be at most 99.'],
      ['itemLimit=abc', 'Parameter itemLimit must be an integer.'],
      ['itemLimit=2.5', 'Parameter itemLimit must be an integer.'],
      ['itemStart=-1', 'Parameter itemStart must be at least 0.'],
      ['query=a%40b', 'Parameter query does not match ^[0-9a-zA-Z ]*$.'],
    ])('refuses %s with Omnidesk 400', async (search, message) => {
      const reply = await get(host, `/api/v2/customer?${search}`)
      expect(reply.status).toBe(400)
      expect(reply.body).toEqual({ status: 'error', message })
    })

    it('takes the documented default query "" (?query=) as no filter', async () => {
      const all = (await get(host, '/api/v2/customer')).body
      expect((await get(host, '/api/v2/customer?query=')).body).toEqual(all)
      expect(all.itemTotal).toBe(seeded)
    })

    it('narrows the list with query, counting only the matches', async () => {
      const byName = (await get(host, '/api/v2/customer?query=thomas jansen&itemLimit=99')).body
      expect(byName.items.map((c: { id: number }) => c.id)).toContain(thomas)
      expect(byName.itemTotal).toBe(byName.items.length)
      expect(byName.itemTotal).toBeLessThan(seeded)
      const byPrimaryId = (await get(host, '/api/v2/customer?query=42342345345')).body
      expect(byPrimaryId).toMatchObject({ itemTotal: 1, items: [thomasSummary] })
      const byAddress = (await get(host, '/api/v2/customer?query=31612312311')).body
      expect(byAddress.items.map((c: { id: number }) => c.id)).toEqual([thomas])
      expect((await get(host, '/api/v2/customer?query=nobody here')).body).toMatchObject({ itemTotal: 0, items: [] })
    })
  })

  describe('GET item', () => {
    it('answers the customer in the item envelope, with naive timestamps', async () => {
      const reply = await get(host, `/api/v2/customer/${thomas}`)
      expect(reply.status).toBe(200)
      expect(reply.body).toEqual({
        type: 'item',
        item: { ...thomasSummary, brand_id: 2, custom_fields: { testfield: 'text' }, created_at: '2019-09-28 22:06:16', updated_at: '2019-09-28 22:06:16' },
      })
    })

    it('answers an unknown id and a non-integer id with Omnidesk 400', async () => {
      expect((await get(host, '/api/v2/customer/999')).body).toEqual({ status: 'error', message: 'This customer does not exist.' })
      const malformed = await get(host, '/api/v2/customer/abc')
      expect(malformed.status).toBe(400)
      expect(malformed.body).toEqual({ status: 'error', message: 'Parameter id must be an integer.' })
    })
  })

  describe('lifecycle', () => {
    it('POST index → search → GET → PUT item → GET → DELETE → GET refused', async () => {
      const created = await host.request(
        'POST',
        '/api/v2/customer',
        await multipart({ brand_id: 2, primary_id: '10004321', firstname: 'Anna', lastname: 'de Vries', channel_id: 'email', customer_link_channel: 'anna@example.nl', custom_testfield: 'text' }),
      )
      expect(created.status).toBe(200)
      expect(created.body).toEqual({ type: 'result', message: 'User created and channel linked.' })

      const found = await findByPrimaryId(host, '10004321', 2)
      expect(found.status).toBe(200)
      const customer = found.body.item
      expect(customer).toMatchObject({
        external_primary_id: '10004321',
        brand_id: 2,
        brand_name: 'MyBrand',
        firstname: 'Anna',
        lastname: 'de Vries',
        channels: [{ channel_id: 1, channel_name: 'email', address: 'anna@example.nl' }],
        custom_fields: { testfield: 'text' },
      })
      expect(customer.id).toBeGreaterThan(thomas)
      expect(customer.created_at).toMatch(naive)
      expect(customer.updated_at).toBe(customer.created_at)
      expect(await item(host, customer.id)).toEqual(customer)
      const last = await get(host, `/api/v2/customer?itemStart=${seeded}`)
      expect(last.body).toMatchObject({ itemTotal: seeded + 1, items: [{ id: customer.id }] })

      const updated = await host.request(
        'PUT',
        `/api/v2/customer/${customer.id}`,
        urlencoded({ firstname: 'Annemarie', custom_loyalty_level: 'gold', customerChannelType_0: 'telephone', customerChannelValue_0: '+31687654321' }),
      )
      expect(updated.body).toEqual({ type: 'result', message: 'Customer updated.' })
      const after = await item(host, customer.id)
      expect(after).toMatchObject({ firstname: 'Annemarie', lastname: 'de Vries', custom_fields: { testfield: 'text', loyalty_level: 'gold' } })
      expect(after.channels.map((ch: { address: string }) => ch.address)).toEqual(['anna@example.nl', '+31687654321'])
      expect(after.updated_at >= customer.updated_at).toBe(true)

      const deleted = await host.request('DELETE', `/api/v2/customer/${customer.id}`, { headers: full })
      expect(deleted.body).toEqual({ type: 'result', message: 'Customer deleted.' })
      expect((await get(host, `/api/v2/customer/${customer.id}`)).body).toEqual({ status: 'error', message: 'This customer does not exist.' })
      expect((await host.request('DELETE', `/api/v2/customer/${customer.id}`, { headers: full })).status).toBe(400)
      expect((await host.request('PUT', `/api/v2/customer/${customer.id}`, urlencoded({ firstname: 'X' }))).status).toBe(400)
      expect((await findByPrimaryId(host, '10004321', 2)).status).toBe(400)
      expect((await get(host, '/api/v2/customer')).body.itemTotal).toBe(seeded)
    })

    it('does what the README curl does: a urlencoded PUT item, seen by a later GET', async () => {
      const reply = await host.request('PUT', `/api/v2/customer/${thomas}`, urlencoded({ firstname: 'Anna' }))
      expect(reply.body).toEqual({ type: 'result', message: 'Customer updated.' })
      expect(await item(host, thomas)).toMatchObject({ firstname: 'Anna', lastname: 'Jansen', channels: thomasSummary.channels })
    })
  })

  describe('POST index', () => {
    it('needs a primary ID unless the brand searches customers by channels', async () => {
      const refused = await host.request('POST', '/api/v2/customer', await multipart({ brand_id: 2, firstname: 'Anna' }))
      expect(refused.body).toEqual({ status: 'error', message: 'A primary ID is required: customer search by channels is not enabled on this brand.' })
      const byChannel = await host.request('POST', '/api/v2/customer', await multipart({ brand_id: 1, search_customer_channel_value: 'anna@example.nl', firstname: 'Anna' }))
      expect(byChannel.body).toEqual({ type: 'result', message: 'User created.' })
      const taken = await host.request('POST', '/api/v2/customer', await multipart({ brand_id: 2, primary_id: '42342345345' }))
      expect(taken.body).toEqual({ status: 'error', message: 'A customer with this primary ID already exists in this brand.' })
      const otherBrand = await host.request('POST', '/api/v2/customer', await multipart({ brand_id: 3, primary_id: '42342345345' }))
      expect(otherBrand.body.type).toBe('result')
    })

    it('creates the docs\' example as sent, with empty names (their default ""), and ignores fields it does not read', async () => {
      const reply = await host.request('POST', '/api/v2/customer', await multipart({ brand_id: 2, primary_id: 'DOC-1', firstname: '', lastname: '', favourite_colour: 'red' }))
      expect(reply.status).toBe(200)
      expect(reply.body).toEqual({ type: 'result', message: 'User created.' })
      expect((await findByPrimaryId(host, 'DOC-1', 2)).body.item).toMatchObject({ firstname: '', lastname: '' })
    })

    it('stores search_customer_channel_value as a channel, so the customer is found by it and cannot be created twice', async () => {
      const created = await host.request('POST', '/api/v2/customer', await multipart({ brand_id: 1, search_customer_channel_value: 'sam@example.nl', firstname: 'Sam' }))
      expect(created.body).toEqual({ type: 'result', message: 'User created.' })
      const found = await host.request('POST', '/api/v2/customer/SearchByCustomerChannelValue', await multipart({ customerChannelValue: 'sam@example.nl', brand_id: 1 }))
      expect(found.status).toBe(200)
      expect(found.body.item).toMatchObject({ firstname: 'Sam', external_primary_id: null, channels: [{ channel_name: 'email', address: 'sam@example.nl' }] })
      const again = await host.request('POST', '/api/v2/customer', await multipart({ brand_id: 1, search_customer_channel_value: 'sam@example.nl' }))
      expect(again.body).toEqual({ status: 'error', message: 'A customer with this channel value already exists in this brand.' })
      const phone = await host.request('POST', '/api/v2/customer', await multipart({ brand_id: 1, search_customer_channel_value: '+31687650000' }))
      expect(phone.body.type).toBe('result')
      const byPhone = await host.request('POST', '/api/v2/customer/SearchByCustomerChannelValue', await multipart({ customerChannelValue: '+31687650000', brand_id: 1 }))
      expect(byPhone.body.item.channels).toEqual([expect.objectContaining({ channel_name: 'telephone', address: '+31687650000' })])
    })

    it('refuses a search value another customer of the brand already has', async () => {
      const first = await host.request('POST', '/api/v2/customer', await multipart({ brand_id: 3, channel_id: 'email', customer_link_channel: 'kim@example.nl' }))
      expect(first.body.message).toBe('User created and channel linked.')
      const second = await host.request('POST', '/api/v2/customer', await multipart({ brand_id: 3, search_customer_channel_value: 'KIM@example.nl' }))
      expect(second.body).toEqual({ status: 'error', message: 'A customer with this channel value already exists in this brand.' })
    })

    it('links channels by name or id, extra_email and extra_telephone, and refuses addresses of other customers', async () => {
      const reply = await host.request(
        'POST',
        '/api/v2/customer',
        await multipart({ brand_id: 2, primary_id: 'P-1', channel_id: '2', customer_link_channel: '+31600000001', extra_email: 'p1@example.nl', extra_telephone: '+31600000002' }),
      )
      expect(reply.body.type).toBe('result')
      const channels = (await findByPrimaryId(host, 'P-1', 2)).body.item.channels
      expect(channels.map((ch: { channel_name: string; address: string }) => `${ch.channel_name}:${ch.address}`)).toEqual([
        'telephone:+31600000001',
        'email:p1@example.nl',
        'telephone:+31600000002',
      ])
      const stolen = await host.request('POST', '/api/v2/customer', await multipart({ brand_id: 2, primary_id: 'P-2', extra_email: 'Thomas@test.com' }))
      expect(stolen.body).toEqual({ status: 'error', message: 'The address Thomas@test.com is already linked to another customer of this brand.' })
      expect((await findByPrimaryId(host, 'P-2', 2)).status).toBe(400)
    })

    it.each([
      [{ brand_id: 2, primary_id: 'x', channel_id: 'email' }, 'Parameter customer_link_channel is required when channel_id is set.'],
      [{ brand_id: 2, primary_id: 'x', customer_link_channel: 'a@b.nl' }, 'Parameter channel_id is required when customer_link_channel is set.'],
      [{ brand_id: 2, primary_id: 'x', channel_id: 'fax', customer_link_channel: 'a' }, 'Parameter channel_id does not match ^([0-9]+|email|telephone|facebook|twitter)$.'],
      [{ brand_id: 2, primary_id: 'x', channel_id: '9', customer_link_channel: 'a' }, 'Parameter channel_id names no channel: use email, telephone, facebook, twitter or their ids 1 to 4.'],
      [{ brand_id: 2, primary_id: 'x', channel_id: 'email', customer_link_channel: 'not-an-email' }, 'Parameter customer_link_channel must be an email address for channel type email.'],
      [{ brand_id: 2, primary_id: 'x', channel_id: 'telephone', customer_link_channel: '0612345678' }, 'Parameter customer_link_channel must be a phone number in E.164 form, such as +31612312311 for channel type telephone.'],
      [{ brand_id: 2, primary_id: 'x', firstname: 'Anna1' }, "Parameter firstname does not match ^[a-zA-ZÀ-ÖØ-Þß-öø-ÿŠš.\\-' ]*$."],
      [{ brand_id: 2, primary_id: 'x', lastname: 'Łukasiewicz' }, "Parameter lastname does not match ^[a-zA-ZÀ-ÖØ-Þß-öø-ÿŠš.\\-' ]*$."],
      [{ brand_id: 2, primary_id: 'x', extra_telephone: '0612345678' }, 'Parameter extra_telephone does not match ^\\+[0-9]+$.'],
      [{ brand_id: 2, primary_id: 'x', extra_email: 'nope' }, 'Parameter extra_email must be a valid email address.'],
      [{ brand_id: 2, primary_id: 'x', ticket_id: 'abc' }, 'Parameter ticket_id must be an integer.'],
      [{ brand_id: 2, primary_id: 'x', ticket_id: 1 }, 'This ticket does not exist in this brand.'],
      [{ brand_id: 'two' }, 'Parameter brand_id must be an integer.'],
      [{ brand_id: 99, primary_id: 'x' }, 'This brand does not exist.'],
      [{ primary_id: 'x' }, 'Parameter brand_id is required.'],
      [{ brand_id: 2, primary_id: 'x', custom_shoe_size: '42' }, 'The custom field shoe_size does not exist. Custom customer fields of this account: testfield, loyalty_level, date_of_birth, newsletter, preferred_language.'],
    ])('refuses %j: %s', async (fields, message) => {
      const reply = await host.request('POST', '/api/v2/customer', await multipart(fields))
      expect(reply.status).toBe(400)
      expect(reply.body).toEqual({ status: 'error', message })
      expect((await get(host, '/api/v2/customer')).body.itemTotal).toBe(seeded)
    })

    it('accepts names with the letters the docs allow', async () => {
      const reply = await host.request('POST', '/api/v2/customer', await multipart({ brand_id: 2, primary_id: 'N-1', firstname: 'Zoë-Anne', lastname: "O'Brien-Šuster" }))
      expect(reply.body.type).toBe('result')
      expect((await findByPrimaryId(host, 'N-1')).body.item).toMatchObject({ firstname: 'Zoë-Anne', lastname: "O'Brien-Šuster" })
    })

    it('reports a repeated field instead of guessing which value counts', async () => {
      const reply = await host.request('POST', '/api/v2/customer', await multipart([['brand_id', '2'], ['primary_id', 'a'], ['primary_id', 'b']]))
      expect(reply.body).toEqual({ status: 'error', message: 'Parameter primary_id was sent more than once; send it once.' })
    })

    it('also takes a urlencoded form, as PHP reads both into $_POST', async () => {
      const reply = await host.request('POST', '/api/v2/customer', urlencoded({ brand_id: 2, primary_id: 'U-1', firstname: 'Ute' }))
      expect(reply.body).toEqual({ type: 'result', message: 'User created.' })
    })
  })

  describe('multipart part names', () => {
    it('reads bare part names (name=firstname) like quoted ones, as PHP does', async () => {
      const part = (name: string, value: string) => `--b7\r\nContent-Disposition: form-data; name=${name}\r\n\r\n${value}\r\n`
      const reply = await host.request('POST', '/api/v2/customer', {
        headers: { ...full, 'content-type': 'multipart/form-data; boundary=b7' },
        body: part('brand_id', '2') + part('primary_id', 'BARE-1') + part('firstname', 'Bram') + '--b7--\r\n',
      })
      expect(reply.status).toBe(200)
      expect(reply.body).toEqual({ type: 'result', message: 'User created.' })
      expect((await findByPrimaryId(host, 'BARE-1', 2)).body.item).toMatchObject({ firstname: 'Bram', brand_id: 2 })
    })
  })

  describe('createCustomerCRUD', () => {
    it('creates a customer with custom fields and channel pairs', async () => {
      const reply = await host.request(
        'POST',
        '/api/v2/customer/createCustomerCRUD',
        await multipart({ primaryID: '10004322', brandID: 2, firstname: 'Sanne', lastname: 'Bakker', custom_testfield: 'x', customerChannelType_0: 'telephone', customerChannelValue_0: '+31687654321', customerChannelType_1: '4', customerChannelValue_1: 'sanne_b' }),
      )
      expect(reply.body).toEqual({ type: 'result', message: 'Customer created.' })
      const customer = (await findByPrimaryId(host, '10004322', 2)).body.item
      expect(customer).toMatchObject({ firstname: 'Sanne', lastname: 'Bakker', custom_fields: { testfield: 'x' } })
      expect(customer.channels.map((ch: { channel_id: number; address: string }) => [ch.channel_id, ch.address])).toEqual([
        [2, '+31687654321'],
        [4, 'sanne_b'],
      ])
      const again = await host.request('POST', '/api/v2/customer/createCustomerCRUD', await multipart({ primaryID: '10004322', brandID: 2 }))
      expect(again.body).toEqual({ status: 'error', message: 'A customer with this primary ID already exists in this brand.' })
    })

    it('refuses half a channel pair and a bad address for the pair type', async () => {
      const half = await host.request('POST', '/api/v2/customer/createCustomerCRUD', await multipart({ brandID: 1, customerChannelType_3: 'email' }))
      expect(half.body).toEqual({ status: 'error', message: 'Parameter customerChannelValue_3 is required when customerChannelType_3 is set.' })
      const other = await host.request('POST', '/api/v2/customer/createCustomerCRUD', await multipart({ brandID: 1, customerChannelValue_0: 'a@b.nl' }))
      expect(other.body).toEqual({ status: 'error', message: 'Parameter customerChannelType_0 is required when customerChannelValue_0 is set.' })
      const bad = await host.request('POST', '/api/v2/customer/createCustomerCRUD', await multipart({ brandID: 1, customerChannelType_0: 'twitter', customerChannelValue_0: '@not ok!' }))
      expect(bad.body.message).toBe('Parameter customerChannelValue_0 must be a Twitter account matching ^[a-zA-Z0-9_ ]+$ for channel type twitter.')
    })
  })

  describe('PUT index', () => {
    it('updates the customer named by customerID, or by primaryID within brandID; unsent fields stay', async () => {
      const byId = await host.request('PUT', '/api/v2/customer', urlencoded({ customerID: thomas, firstname: 'Tom' }))
      expect(byId.body).toEqual({ type: 'result', message: 'Customer updated.' })
      expect(await item(host, thomas)).toMatchObject({ firstname: 'Tom', lastname: 'Jansen' })
      await host.request('PUT', '/api/v2/customer', urlencoded({ primaryID: '42342345345', brandID: 2, lastname: "Jansen-d'Arc", custom_newsletter: 'no' }))
      expect(await item(host, thomas)).toMatchObject({ firstname: 'Tom', lastname: "Jansen-d'Arc", custom_fields: { testfield: 'text', newsletter: 'no' } })
    })

    it('refuses a request that names no customer, an unknown one, a wrong brand, and channel pairs', async () => {
      expect((await host.request('PUT', '/api/v2/customer', urlencoded({ firstname: 'Tom' }))).body).toEqual({ status: 'error', message: 'Send customerID or primaryID to name the customer.' })
      expect((await host.request('PUT', '/api/v2/customer', urlencoded({ primaryID: 'nobody', firstname: 'Tom' }))).body.message).toBe('This customer does not exist.')
      expect((await host.request('PUT', '/api/v2/customer', urlencoded({ primaryID: '42342345345', brandID: 1 }))).body.message).toBe('This customer does not exist.')
      // PUT index documents no channel pairs: they are ignored, like any field the controller does not read.
      const pair = await host.request('PUT', '/api/v2/customer', urlencoded({ customerID: thomas, customerChannelType_0: 'email', customerChannelValue_0: 'a@b.nl' }))
      expect(pair.body).toEqual({ type: 'result', message: 'Customer updated.' })
      expect((await item(host, thomas)).channels.map((ch: { address: string }) => ch.address)).not.toContain('a@b.nl')
    })
  })

  describe('PUT item', () => {
    it('adds channel pairs once, by name or id, and moves the customer to another brand', async () => {
      const form = { customerChannelType_0: 'email', customerChannelValue_0: 'thomas@test.com', customerChannelType_1: '3', customerChannelValue_1: '100004512345678' }
      expect((await host.request('PUT', `/api/v2/customer/${thomas}`, urlencoded(form))).body.type).toBe('result')
      const channels = (await item(host, thomas)).channels
      expect(channels.map((ch: { channel_name: string }) => ch.channel_name)).toEqual(['email', 'telephone', 'facebook'])
      await host.request('PUT', `/api/v2/customer/${thomas}`, urlencoded(form))
      expect((await item(host, thomas)).channels).toEqual(channels)

      await host.request('PUT', `/api/v2/customer/${thomas}`, urlencoded({ brandID: 3 }))
      expect(await item(host, thomas)).toMatchObject({ brand_id: 3, brand_name: 'Polder Energie' })
      expect((await findByPrimaryId(host, '42342345345', 2)).status).toBe(400)
      expect((await findByPrimaryId(host, '42342345345', 3)).body.item.id).toBe(thomas)
    })

    it('refuses a move to a brand where the primary ID is taken, and a brand that does not exist', async () => {
      await host.request('POST', '/api/v2/customer', await multipart({ brand_id: 1, primary_id: '42342345345' }))
      const move = await host.request('PUT', `/api/v2/customer/${thomas}`, urlencoded({ brandID: 1 }))
      expect(move.body).toEqual({ status: 'error', message: 'A customer with primary ID 42342345345 already exists in brand 1.' })
      expect((await host.request('PUT', `/api/v2/customer/${thomas}`, urlencoded({ brandID: 42 }))).body.message).toBe('This brand does not exist.')
      expect((await item(host, thomas)).brand_id).toBe(2)
    })

    it('refuses an empty body and a multipart body, as PUT takes a urlencoded form', async () => {
      const empty = await host.request('PUT', `/api/v2/customer/${thomas}`, { headers: { ...full, 'content-type': 'application/x-www-form-urlencoded' }, body: '' })
      expect(empty.body).toEqual({ status: 'error', message: 'A request body is required: send the fields as application/x-www-form-urlencoded.' })
      const form = await host.request('PUT', `/api/v2/customer/${thomas}`, await multipart({ firstname: 'Tom' }))
      expect(form.body).toEqual({ status: 'error', message: 'Content type multipart/form-data is not accepted here: send the fields as application/x-www-form-urlencoded.' })
    })
  })

  describe('updateCustomer', () => {
    it('updates names, custom fields and channels of the customer with this external primary ID', async () => {
      const reply = await host.request(
        'PUT',
        '/api/v2/customer/updateCustomer',
        urlencoded({ externalPrimaryID: '42342345345', brandID: 2, lastname: 'Jansen', firstname: 'Thomas', custom_testfield: 'changed', customerChannelType_0: 'email', customerChannelValue_0: 'thomas.jansen@example.nl' }),
      )
      expect(reply.body).toEqual({ type: 'result', message: 'Customer updated.' })
      const customer = await item(host, thomas)
      expect(customer.custom_fields).toEqual({ testfield: 'changed' })
      expect(customer.channels.at(-1)).toMatchObject({ channel_name: 'email', address: 'thomas.jansen@example.nl' })
    })

    it('refuses a missing or unknown externalPrimaryID', async () => {
      expect((await host.request('PUT', '/api/v2/customer/updateCustomer', urlencoded({ firstname: 'A' }))).body.message).toBe('Parameter externalPrimaryID is required.')
      expect((await host.request('PUT', '/api/v2/customer/updateCustomer', urlencoded({ externalPrimaryID: 'nobody' }))).body.message).toBe('This customer does not exist.')
    })
  })
})
