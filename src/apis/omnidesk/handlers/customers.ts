/**
 * The customer itself: the list (`itemStart`/`itemLimit`/`itemTotal`), one customer
 * (`{"type":"item"}`), and the endpoints that create, change, delete or purge one, each
 * answering `{"type":"result","message"}`.
 */
import { channelNameOf, type ChannelRequest } from '../channels.ts'
import { changeCustomer, createCustomer } from '../customer-changes.ts'
import { channelPairsOf, customFieldsOf, type Declared } from '../form-fields.ts'
import { refuse } from '../errors.ts'
import { customerByIdOrPrimaryId, customerByPrimaryId, customerOf } from '../lookup.ts'
import type { Customer } from '../store.ts'
import { omnideskTime } from '../time.ts'
import { handler, result } from './handler.ts'

const summary = ({ id, external_primary_id, brand_name, firstname, lastname, channels }: Customer) => ({
  id,
  external_primary_id,
  brand_name,
  firstname,
  lastname,
  channels,
})

/** What `query` is matched against: the name, the primary id and every address. */
const searchText = (c: Customer) => [`${c.firstname} ${c.lastname}`, c.external_primary_id ?? '', ...c.channels.map((ch) => ch.address)].join('\n').toLowerCase()

export const customerIndexGET = handler<'customerIndexGET'>(({ store, query, json }) => {
  // The docs' default "" (and an empty ?query=) matches everyone.
  const needle = query.query?.toLowerCase() ?? ''
  const matching = needle === '' ? store.customers.all() : store.customers.all().filter((c) => searchText(c).includes(needle))
  // itemStart and itemLimit always have values here: the validator applies the spec's defaults.
  const itemStart = query.itemStart!
  const itemLimit = query.itemLimit!
  return json(200, {
    type: 'list',
    itemStart,
    itemTotal: matching.length,
    itemLimit,
    items: matching.slice(itemStart, itemStart + itemLimit).map(summary),
  })
})

export const customerItemGET = handler<'customerItemGET'>(({ store, params, json }) => {
  return json(200, { type: 'item', item: customerOf(store, params.id) })
})

export const customerIndexPOST = handler<'customerIndexPOST'>(async ({ store, body, json }) => {
  const form = body as Declared<typeof body>
  const channels: ChannelRequest[] = []
  // The spec makes channel_id and customer_link_channel depend on each other.
  if (form.channel_id !== undefined && form.customer_link_channel !== undefined) {
    channels.push({ name: channelNameOf(form.channel_id, 'channel_id'), address: form.customer_link_channel, field: 'customer_link_channel' })
  }
  if (form.extra_email !== undefined) channels.push({ name: 'email', address: form.extra_email, field: 'extra_email' })
  if (form.extra_telephone !== undefined) channels.push({ name: 'telephone', address: form.extra_telephone, field: 'extra_telephone' })
  const ticket = form.ticket_id === undefined ? undefined : store.tickets.get(form.ticket_id)
  if (form.ticket_id !== undefined && (!ticket || ticket.brand_id !== form.brand_id)) refuse('This ticket does not exist in this brand.')

  const customer = await createCustomer(store, {
    brandId: form.brand_id,
    primaryId: form.primary_id,
    searchValue: form.search_customer_channel_value,
    firstname: form.firstname,
    lastname: form.lastname,
    custom: customFieldsOf(form),
    channels,
    // "if sent along with the request": any value counts, even false or empty (O11).
    noSync: form.noSync !== undefined,
  })
  if (ticket) {
    await store.tickets.update(ticket.id, (draft) => {
      draft.customer_id = customer.id
    })
  }
  // The search value becomes a channel too, but "channel linked" speaks of the channel fields sent.
  return json(200, result(channels.length > 0 && customer.channels.length > 0 ? 'User created and channel linked.' : 'User created.'))
})

export const customerCreateCustomerCRUDPOST = handler<'customerCreateCustomerCRUDPOST'>(async ({ store, body, json }) => {
  const form = body as Declared<typeof body>
  await createCustomer(store, {
    brandId: form.brandID,
    primaryId: form.primaryID,
    firstname: form.firstname,
    lastname: form.lastname,
    custom: customFieldsOf(form),
    channels: channelPairsOf(form),
    noSync: false,
  })
  return json(200, result('Customer created.'))
})

export const customerIndexPUT = handler<'customerIndexPUT'>(async ({ store, body, json }) => {
  const form = body as Declared<typeof body>
  const customer = customerByIdOrPrimaryId(
    store,
    { id: form.customerID, primaryId: form.primaryID, brandId: form.brandID },
    { id: 'customerID', primaryId: 'primaryID' },
  )
  await changeCustomer(store, customer, { firstname: form.firstname, lastname: form.lastname, custom: customFieldsOf(form), channels: [] })
  return json(200, result('Customer updated.'))
})

export const customerItemPUT = handler<'customerItemPUT'>(async ({ store, params, body, json }) => {
  const form = body as Declared<typeof body>
  const customer = customerOf(store, params.id)
  await changeCustomer(store, customer, {
    brandId: form.brandID,
    firstname: form.firstname,
    lastname: form.lastname,
    custom: customFieldsOf(form),
    channels: channelPairsOf(form),
  })
  return json(200, result('Customer updated.'))
})

export const customerUpdateCustomerPUT = handler<'customerUpdateCustomerPUT'>(async ({ store, body, json }) => {
  const form = body as Declared<typeof body>
  const customer = customerByPrimaryId(store, form.externalPrimaryID, form.brandID)
  await changeCustomer(store, customer, {
    firstname: form.firstname,
    lastname: form.lastname,
    custom: customFieldsOf(form),
    channels: channelPairsOf(form),
  })
  return json(200, result('Customer updated.'))
})

/** The customer goes with its timeline events; its tickets stay, without a customer. */
export const customerItemDELETE = handler<'customerItemDELETE'>(async ({ store, params, json }) => {
  const customer = customerOf(store, params.id)
  for (const event of [...store.events.all()]) if (event.customer_id === customer.id) store.events.delete(event.id)
  for (const ticket of [...store.tickets.all()]) {
    if (ticket.customer_id !== customer.id) continue
    await store.tickets.update(ticket.id, (draft) => {
      draft.customer_id = null
    })
  }
  store.customers.delete(customer.id)
  return json(200, result('Customer deleted.'))
})

/** Everything personal goes: names, ids, fields, channels, events and tickets; the id stays. */
export const customerItemPurgeDataDELETE = handler<'customerItemPurgeDataDELETE'>(async ({ store, params, json }) => {
  const customer = customerOf(store, params.id)
  for (const event of [...store.events.all()]) if (event.customer_id === customer.id) store.events.delete(event.id)
  for (const ticket of [...store.tickets.all()]) if (ticket.customer_id === customer.id) store.tickets.delete(ticket.id)
  await store.customers.update(customer.id, (draft) => {
    draft.external_primary_id = null
    draft.firstname = ''
    draft.lastname = ''
    draft.channels = []
    draft.custom_fields = {}
    draft.updated_at = omnideskTime()
  })
  return json(200, result('Customer data purged.'))
})
