/** Adding channels to a customer without touching the rest, and removing one. */
import { linkTicketsFrom, newChannels, numberChannels, type ChannelRequest } from '../channels.ts'
import { refuse } from '../errors.ts'
import { customerByIdOrPrimaryId, customerOf } from '../lookup.ts'
import { omnideskTime } from '../time.ts'
import { handler, result } from './handler.ts'

export const customerAddChannelOnlyPOST = handler<'customerAddChannelOnlyPOST'>(async ({ store, body, json }) => {
  const customer = customerByIdOrPrimaryId(
    store,
    { id: body.customer_id, primaryId: body.primary_id, brandId: body.brand_id },
    { id: 'customer_id', primaryId: 'primary_id' },
  )
  const requests: ChannelRequest[] = []
  if (body.extra_email !== undefined) requests.push({ name: 'email', address: body.extra_email, field: 'extra_email' })
  if (body.extra_telephone !== undefined) requests.push({ name: 'telephone', address: body.extra_telephone, field: 'extra_telephone' })
  if (body.extra_twitter !== undefined) requests.push({ name: 'twitter', address: body.extra_twitter, field: 'extra_twitter' })
  if (body.extra_facebook !== undefined) requests.push({ name: 'facebook', address: body.extra_facebook, field: 'extra_facebook' })
  if (requests.length === 0) refuse('Send at least one of extra_email, extra_telephone, extra_twitter, extra_facebook.')

  const added = numberChannels(store, newChannels(store, customer.brand_id, customer, requests))
  const updated = await store.customers.update(customer.id, (draft) => {
    draft.channels = [...draft.channels, ...added]
    if (added.length > 0) draft.updated_at = omnideskTime()
  })
  // noSync counts when sent, whatever its value (O11).
  if (body.noSync === undefined) await linkTicketsFrom(store, updated!, added)
  return json(200, result(requests.length > 1 ? 'Channels added.' : 'Channel added.'))
})

export const customerItemChannelDELETE = handler<'customerItemChannelDELETE'>(async ({ store, params, json }) => {
  const customer = customerOf(store, params.id)
  if (!customer.channels.some((ch) => ch.id === params.channelId)) refuse('This channel does not exist on this customer.')
  await store.customers.update(customer.id, (draft) => {
    draft.channels = draft.channels.filter((ch) => ch.id !== params.channelId)
    draft.updated_at = omnideskTime()
  })
  return json(200, result('Channel deleted.'))
})
