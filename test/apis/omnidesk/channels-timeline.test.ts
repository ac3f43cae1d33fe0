import { beforeAll, describe, expect, it } from 'vitest'
import api from '../../../src/apis/omnidesk/index.ts'
import type { Store } from '../../../src/apis/omnidesk/store.ts'
import { defaultSeed } from '../../../src/core/seeded-faker.ts'
import { describeHosts, type Host } from '../../support/hosts.ts'
import { full, multipart, reader, thomas, urlencoded } from './support.ts'

/** The default seed's data, to pick records the API cannot list (brand settings, unlinked tickets). */
let seeded: Store
beforeAll(async () => {
  seeded = await api.createStore({ seed: defaultSeed })
})

const item = async (host: Host, id: number) => (await host.request('GET', `/api/v2/customer/${id}`, { headers: full })).body.item
const post = async (host: Host, path: string, fields: Record<string, string | number | boolean>, headers = full) =>
  host.request('POST', path === '' ? '/api/v2/customer' : `/api/v2/customer/${path}`, await multipart(fields, headers))
const timeline = async (host: Host, query: string) => host.request('GET', `/api/v2/customer/timelineByCustomerExternalID?${query}`, { headers: full })

describeHosts('omnidesk', (host) => {
  describe('SearchByPrimaryExternalID', () => {
    it('finds the customer, within a brand or in any, and answers as GET item', async () => {
      const found = await post(host, 'SearchByPrimaryExternalID', { primary_id: '42342345345', brand_id: 2 }, reader)
      expect(found.status).toBe(200)
      expect(found.body).toEqual({ type: 'item', item: await item(host, thomas) })
      expect((await post(host, 'SearchByPrimaryExternalID', { primary_id: '42342345345' })).body.item.id).toBe(thomas)
    })

    it('refuses an unknown primary ID, a wrong brand and a missing primary_id', async () => {
      const error = { status: 'error', message: 'This customer does not exist.' }
      expect((await post(host, 'SearchByPrimaryExternalID', { primary_id: 'nobody' })).body).toEqual(error)
      expect((await post(host, 'SearchByPrimaryExternalID', { primary_id: '42342345345', brand_id: 1 })).body).toEqual(error)
      expect((await post(host, 'SearchByPrimaryExternalID', { brand_id: 1 })).body.message).toBe('Parameter primary_id is required.')
    })
  })

  describe('SearchByCustomerChannelValue', () => {
    it('finds the customer by any of its addresses, case-insensitively, with CUSTOMER_READ', async () => {
      for (const value of ['thomas@test.com', 'THOMAS@Test.com', '+31612312311']) {
        const reply = await post(host, 'SearchByCustomerChannelValue', { customerChannelValue: value }, reader)
        expect(reply.status).toBe(200)
        expect(reply.body.item.id).toBe(thomas)
      }
      expect((await post(host, 'SearchByCustomerChannelValue', { customerChannelValue: 'thomas@test.com', brand_id: 2 })).body.item.id).toBe(thomas)
    })

    it('refuses an address nobody has, or that belongs to another brand', async () => {
      expect((await post(host, 'SearchByCustomerChannelValue', { customerChannelValue: 'nobody@example.nl' })).body.message).toBe('This customer does not exist.')
      expect((await post(host, 'SearchByCustomerChannelValue', { customerChannelValue: 'thomas@test.com', brand_id: 1 })).body.message).toBe('This customer does not exist.')
      expect((await post(host, 'SearchByCustomerChannelValue', { customerChannelValue: 'x', brand_id: 7 })).body.message).toBe('This brand does not exist.')
    })
  })

  describe('addChannelOnly', () => {
    it('adds channels to the customer named by customer_id or by primary_id', async () => {
      const reply = await post(host, 'addChannelOnly', { customer_id: thomas, extra_email: 'thomas.jansen@example.nl', extra_twitter: 'thomasj' })
      expect(reply.body).toEqual({ type: 'result', message: 'Channels added.' })
      await post(host, 'addChannelOnly', { primary_id: '42342345345', brand_id: 2, extra_facebook: '100004512345678' })
      const channels = (await item(host, thomas)).channels
      expect(channels.slice(2)).toEqual([
        { id: expect.any(Number), channel_id: 1, channel_name: 'email', address: 'thomas.jansen@example.nl' },
        { id: expect.any(Number), channel_id: 4, channel_name: 'twitter', address: 'thomasj' },
        { id: expect.any(Number), channel_id: 3, channel_name: 'facebook', address: '100004512345678' },
      ])
      expect(new Set(channels.map((ch: { id: number }) => ch.id)).size).toBe(channels.length)
      const found = await post(host, 'SearchByCustomerChannelValue', { customerChannelValue: 'thomasj' })
      expect(found.body.item.id).toBe(thomas)
    })

    it.each([
      [{ customer_id: thomas }, 'Send at least one of extra_email, extra_telephone, extra_twitter, extra_facebook.'],
      [{ extra_email: 'a@b.nl' }, 'Send customer_id or primary_id to name the customer.'],
      [{ customer_id: 1, extra_email: 'a@b.nl' }, 'This customer does not exist.'],
      [{ customer_id: thomas, extra_facebook: 'facebook.com/tj' }, 'Parameter extra_facebook does not match ^[0-9]+$.'],
      [{ customer_id: thomas, extra_twitter: '@tj!' }, 'Parameter extra_twitter does not match ^[a-zA-Z0-9_ ]+$.'],
      [{ customer_id: thomas, extra_telephone: '+31 6 1234' }, 'Parameter extra_telephone does not match ^\\+[0-9]+$.'],
    ])('refuses %j', async (fields, message) => {
      const reply = await post(host, 'addChannelOnly', fields)
      expect(reply.status).toBe(400)
      expect(reply.body).toEqual({ status: 'error', message })
    })

    it("refuses another customer's address", async () => {
      const other = seeded.customers.all().find((c) => c.brand_id === 2 && c.id !== thomas && c.channels.length > 0)!
      const reply = await post(host, 'addChannelOnly', { customer_id: thomas, extra_email: other.channels.find((ch) => ch.channel_name === 'email')?.address ?? 'x' })
      expect(reply.status).toBe(400)
      expect((await item(host, thomas)).channels).toHaveLength(2)
    })
  })

  describe('ticket linking', () => {
    const unlinked = () => seeded.tickets.all().find((t) => t.customer_id === null)!

    it.each(['1', 'false', ''])('treats noSync=%j as sent, so nothing is synced ("if sent along with the request")', async (value) => {
      const ticket = unlinked()
      const created = await post(host, '', { brand_id: ticket.brand_id, primary_id: 'NS-1', extra_email: ticket.from, noSync: value })
      expect(created.body.type).toBe('result')
      expect((await timeline(host, `brand_id=${ticket.brand_id}&external_id=NS-1&getTicketHistory=1`)).body.item.timeline).toEqual([])

      await post(host, '', { brand_id: ticket.brand_id, primary_id: 'NS-2' })
      const customer = (await post(host, 'SearchByPrimaryExternalID', { primary_id: 'NS-2', brand_id: ticket.brand_id })).body.item
      await host.request('DELETE', `/api/v2/customer/${(await post(host, 'SearchByPrimaryExternalID', { primary_id: 'NS-1', brand_id: ticket.brand_id })).body.item.id}`, { headers: full })
      const added = await post(host, 'addChannelOnly', { customer_id: customer.id, extra_email: ticket.from, noSync: value })
      expect(added.body.type).toBe('result')
      expect((await timeline(host, `brand_id=${ticket.brand_id}&external_id=NS-2&getTicketHistory=1`)).body.item.timeline).toEqual([])
    })

    it('links tickets sent from a new address, unless noSync is set', async () => {
      const ticket = unlinked()
      const brand = seeded.brands.get(ticket.brand_id)!
      const quiet = await post(host, 'addChannelOnly', { customer_id: thomas, extra_email: 'quiet@example.nl', noSync: true })
      expect(quiet.body.type).toBe('result')

      await post(host, '', { brand_id: brand.id, primary_id: 'L-1', extra_email: ticket.from, noSync: true }).then((r) => expect(r.body.type).toBe('result'))
      const withoutSync = await timeline(host, `brand_id=${brand.id}&external_id=L-1&getTicketHistory=1`)
      expect(withoutSync.body.item.timeline).toEqual([])

      await host.request('DELETE', `/api/v2/customer/${(await post(host, 'SearchByPrimaryExternalID', { primary_id: 'L-1' })).body.item.id}`, { headers: full })
      await post(host, '', { brand_id: brand.id, primary_id: 'L-2', extra_email: ticket.from })
      const synced = await timeline(host, `brand_id=${brand.id}&external_id=L-2&getTicketHistory=1`)
      expect(synced.body.item.timeline).toEqual([{ id: ticket.id, type: 'ticket', title: ticket.title, status: ticket.status, channel_name: 'email', created_at: ticket.created_at, last_update: ticket.last_update }])
    })

    it('links the ticket named by ticket_id', async () => {
      const ticket = unlinked()
      await post(host, '', { brand_id: ticket.brand_id, primary_id: 'T-1', ticket_id: ticket.id, noSync: true })
      const history = await timeline(host, `brand_id=${ticket.brand_id}&external_id=T-1&getTicketHistory=yes`)
      expect(history.body.item.timeline.map((e: { id: number }) => e.id)).toEqual([ticket.id])
    })
  })

  describe('DELETE itemChannel', () => {
    it('removes one channel of the customer, then refuses it', async () => {
      const reply = await host.request('DELETE', `/api/v2/customer/${thomas}/channel/310002`, { headers: full })
      expect(reply.body).toEqual({ type: 'result', message: 'Channel deleted.' })
      expect((await item(host, thomas)).channels).toEqual([{ id: 310001, channel_id: 1, channel_name: 'email', address: 'thomas@test.com' }])
      expect((await post(host, 'SearchByCustomerChannelValue', { customerChannelValue: '+31612312311' })).status).toBe(400)
      const again = await host.request('DELETE', `/api/v2/customer/${thomas}/channel/310002`, { headers: full })
      expect(again.body).toEqual({ status: 'error', message: 'This channel does not exist on this customer.' })
    })

    it("refuses another customer's channel, an unknown customer and a malformed channel id", async () => {
      const other = seeded.customers.all().find((c) => c.id !== thomas && c.channels.length > 0)!
      expect((await host.request('DELETE', `/api/v2/customer/${thomas}/channel/${other.channels[0]!.id}`, { headers: full })).body.message).toBe(
        'This channel does not exist on this customer.',
      )
      expect((await host.request('DELETE', '/api/v2/customer/5/channel/310001', { headers: full })).body.message).toBe('This customer does not exist.')
      expect((await host.request('DELETE', `/api/v2/customer/${thomas}/channel/email`, { headers: full })).body.message).toBe('Parameter channelId must be an integer.')
    })
  })

  describe('DELETE itemPurgeData', () => {
    it("empties the customer's personal data, events and tickets, keeping its id", async () => {
      await post(host, 'externalEvent', { customer_id: thomas, message: 'Order 1 placed' })
      const reply = await host.request('DELETE', `/api/v2/customer/${thomas}/purgeData`, { headers: full })
      expect(reply.body).toEqual({ type: 'result', message: 'Customer data purged.' })
      const purged = await item(host, thomas)
      expect(purged).toMatchObject({ id: thomas, external_primary_id: null, firstname: '', lastname: '', channels: [], custom_fields: {} })
      expect((await post(host, 'SearchByCustomerChannelValue', { customerChannelValue: 'thomas@test.com' })).status).toBe(400)
      expect((await timeline(host, 'brand_id=2&external_id=42342345345')).body.message).toBe('This customer does not exist.')
      // The address is free again, and its old ticket does not come back with it.
      await post(host, '', { brand_id: 2, primary_id: 'again', extra_email: 'thomas@test.com' })
      expect((await timeline(host, 'brand_id=2&external_id=again&getTicketHistory=1')).body.item.timeline).toEqual([])
      expect((await host.request('DELETE', '/api/v2/customer/7/purgeData', { headers: full })).body.message).toBe('This customer does not exist.')
    })
  })

  describe('externalEvent and timelineByCustomerExternalID', () => {
    it('appends events to the timeline, newest first, with the ticket history only when asked', async () => {
      const first = await post(host, 'externalEvent', { external_id: '42342345345', brand_id: 2, initiated_by: 'webshop', message: 'Order 1001 placed', source_url: 'https://shop.example.nl/orders/1001' })
      expect(first.body).toEqual({ type: 'result', message: 'Event created.' })
      await post(host, 'externalEvent', { customer_id: thomas, message: 'Newsletter opened' })

      const reply = await timeline(host, 'brand_id=2&external_id=42342345345')
      expect(reply.status).toBe(200)
      const { item: body } = reply.body
      expect(body).toMatchObject({ customer_id: thomas, external_primary_id: '42342345345', brand_id: 2 })
      expect(body.timeline.map((e: { message: string }) => e.message)).toEqual(['Newsletter opened', 'Order 1001 placed'])
      expect(body.timeline[0]).toMatchObject({ type: 'event', customer_id: thomas, initiated_by: 'API', source_url: null })
      expect(body.timeline[1]).toMatchObject({ initiated_by: 'webshop', source_url: 'https://shop.example.nl/orders/1001' })
      expect(body.timeline[0].id).toBeGreaterThan(body.timeline[1].id)

      const history = (await timeline(host, 'brand_id=2&external_id=42342345345&getTicketHistory=')).body.item.timeline
      expect(history).toHaveLength(3)
      expect(history[2]).toEqual({ id: 858462, type: 'ticket', title: 'vraag van Thomas', status: 'new', channel_name: 'email', created_at: '2019-09-28 22:06:16', last_update: '2019-09-28 22:06:16' })
    })

    it.each([
      [{ customer_id: thomas }, 'Parameter message is required.'],
      [{ message: 'x' }, 'Send customer_id or external_id to name the customer.'],
      [{ external_id: '42342345345', brand_id: 3, message: 'x' }, 'This customer does not exist.'],
      [{ customer_id: thomas, message: 'x', source_url: 'not a url' }, 'Parameter source_url must be a valid URL.'],
      [{ customer_id: thomas, message: '' }, 'Parameter message must not be empty.'],
    ])('refuses the event %j', async (fields, message) => {
      const reply = await post(host, 'externalEvent', fields)
      expect(reply.body).toEqual({ status: 'error', message })
    })

    it.each([
      ['external_id=42342345345', 'Parameter brand_id is required.'],
      ['brand_id=2', 'Parameter external_id is required.'],
      ['brand_id=x&external_id=1', 'Parameter brand_id must be an integer.'],
      ['brand_id=2&external_id=nobody', 'This customer does not exist.'],
      ['brand_id=9&external_id=42342345345', 'This brand does not exist.'],
    ])('refuses the timeline query %s', async (query, message) => {
      expect((await timeline(host, query)).body).toEqual({ status: 'error', message })
    })
  })

  describe('syncWithCRM', () => {
    it('answers as a brand without a CRM would', async () => {
      const reply = await post(host, 'syncWithCRM', { brandID: 2, channel: 'phoneNumber', address: '+31612312311' })
      expect(reply.status).toBe(400)
      expect(reply.body).toEqual({ status: 'error', message: 'No CRM lookup URL is configured for this brand.' })
    })

    it('synchronizes a customer of a brand with a CRM, leaving an event on its timeline', async () => {
      const brand = seeded.brands.all().find((b) => b.crm_lookup_url !== null)!
      const customer = seeded.customers.all().find((c) => c.brand_id === brand.id && c.external_primary_id && c.channels.some((ch) => ch.channel_name === 'telephone'))!
      const phone = customer.channels.find((ch) => ch.channel_name === 'telephone')!.address
      const reply = await post(host, 'syncWithCRM', { brandID: brand.id, channel: 'phoneNumber', address: phone })
      expect(reply.body).toEqual({ type: 'result', message: 'Customer synchronized with CRM.' })
      const events = (await timeline(host, `brand_id=${brand.id}&external_id=${customer.external_primary_id}`)).body.item.timeline
      expect(events[0]).toMatchObject({ type: 'event', initiated_by: 'CRM sync', source_url: brand.crm_lookup_url })
      expect((await item(host, customer.id)).updated_at >= customer.updated_at).toBe(true)
    })

    it.each([
      [{ brandID: 1, channel: 'fax', address: '+31612312311' }, 'Parameter channel must be one of: phoneNumber, email.'],
      // Any channel value is passed to the CRM lookup as sent; only one no customer of the brand has fails.
      [{ brandID: 1, channel: 'phoneNumber', address: '0612312311' }, 'This customer does not exist.'],
      [{ brandID: 1, channel: 'email', address: 'nobody@example.nl' }, 'This customer does not exist.'],
      [{ channel: 'email', address: 'a@b.nl' }, 'Parameter brandID is required.'],
    ])('refuses %j', async (fields, message) => {
      expect((await post(host, 'syncWithCRM', fields)).body).toEqual({ status: 'error', message })
    })
  })

  it('keeps each change local to the store: a reset brings the seeded data back', async () => {
    await host.request('PUT', `/api/v2/customer/${thomas}`, urlencoded({ firstname: 'Changed' }))
    await host.reset()
    expect((await item(host, thomas)).firstname).toBe('Thomas')
  })
})
