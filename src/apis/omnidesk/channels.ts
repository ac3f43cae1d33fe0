/**
 * Customer channels: an address (email, phone number, Facebook or Twitter account) linked to a
 * customer. Within a brand an address belongs to one customer at most, which is what makes
 * "customer search by channels" and SearchByCustomerChannelValue answer one customer. Addresses
 * are checked with the spec's own schemas for each channel type.
 */
import { compileSchema } from '../../core/json-schema.ts'
import document from '../../generated/omnidesk-document.ts'
import type { components } from '../../generated/omnidesk.ts'
import { refuse } from './errors.ts'
import type { Customer, CustomerChannel, Store } from './store.ts'

export type ChannelName = components['schemas']['ChannelName']

/** Channel type ids: 1 is e-mail in the docs' ticket example; the others are numbered in the docs' order. */
export const channelTypes: ReadonlyArray<{ id: number; name: ChannelName }> = [
  { id: 1, name: 'email' },
  { id: 2, name: 'telephone' },
  { id: 3, name: 'facebook' },
  { id: 4, name: 'twitter' },
]

const schemas = document.components!.schemas!
const addressSchemas: Record<ChannelName, ReturnType<typeof compileSchema>> = {
  email: compileSchema(schemas.EmailAddress!),
  telephone: compileSchema(schemas.Telephone!),
  facebook: compileSchema(schemas.FacebookAccount!),
  twitter: compileSchema(schemas.TwitterAccount!),
}
const addressHints: Record<ChannelName, string> = {
  email: 'an email address',
  telephone: 'a phone number in E.164 form, such as +31612312311',
  facebook: 'a Facebook account id (digits)',
  twitter: `a Twitter account matching ${schemas.TwitterAccount!.pattern}`,
}

/** `email`, or a channel type id such as `1`, as its name. */
export function channelNameOf(type: string, field: string): ChannelName {
  const found = channelTypes.find((t) => t.name === type || String(t.id) === type)
  return found?.name ?? refuse(`Parameter ${field} names no channel: use email, telephone, facebook, twitter or their ids 1 to 4.`)
}

export interface ChannelRequest {
  name: ChannelName
  address: string
  /** The form field the address came from, for error messages. */
  field: string
}

export function checkAddress({ name, address, field }: ChannelRequest): void {
  if (!addressSchemas[name](address)) refuse(`Parameter ${field} must be ${addressHints[name]} for channel type ${name}.`)
}

/** The first channel type whose address form this value has (email, telephone, facebook, twitter). */
export function channelNameOfAddress(address: string, field: string): ChannelName {
  const found = channelTypes.find((type) => addressSchemas[type.name](address))
  return found?.name ?? refuse(`Parameter ${field} must be an email address, a phone number in E.164 form, a Facebook account id or a Twitter account.`)
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

/** The customer of this brand that has this address, if any. */
export function channelOwner(store: Store, brandId: number, address: string): Customer | undefined {
  return store.customers.all().find((c) => c.brand_id === brandId && c.channels.some((ch) => same(ch.address, address)))
}

/**
 * The channels to add to a customer (in `brandId`), checked and without the ones it already has.
 * Refuses an address that another customer of the brand already has. Nothing is stored yet, so a
 * refusal leaves no half-done change behind.
 */
export function newChannels(store: Store, brandId: number, customer: Customer | undefined, requests: ChannelRequest[]): CustomerChannel[] {
  const added: CustomerChannel[] = []
  for (const request of requests) {
    checkAddress(request)
    const owner = channelOwner(store, brandId, request.address)
    if (owner && owner.id !== customer?.id) refuse(`The address ${request.address} is already linked to another customer of this brand.`)
    const known = [...(customer?.channels ?? []), ...added]
    if (known.some((ch) => ch.channel_name === request.name && same(ch.address, request.address))) continue
    const type = channelTypes.find((t) => t.name === request.name)!
    added.push({ id: 0, channel_id: type.id, channel_name: type.name, address: request.address })
  }
  return added
}

/** Gives the new channels their ids, in order. */
export function numberChannels(store: Store, channels: CustomerChannel[]): CustomerChannel[] {
  return channels.map((ch) => ({ ...ch, id: store.ids.channel.next() }))
}

/**
 * Links the brand's tickets without a customer that came from one of these addresses, as
 * Omnidesk syncs tickets to a customer unless `noSync` is sent.
 */
export async function linkTicketsFrom(store: Store, customer: Customer, channels: CustomerChannel[]): Promise<void> {
  for (const ticket of [...store.tickets.all()]) {
    if (ticket.customer_id !== null || ticket.brand_id !== customer.brand_id) continue
    if (!channels.some((ch) => same(ch.address, ticket.from))) continue
    await store.tickets.update(ticket.id, (draft) => {
      draft.customer_id = customer.id
    })
  }
}
