/**
 * Creating and changing customers, shared by the endpoints that do it with different field
 * names (POST index, createCustomerCRUD, PUT index, PUT item, updateCustomer). Everything is
 * checked before anything is stored, so a refused request changes nothing.
 */
import { channelNameOfAddress, linkTicketsFrom, newChannels, numberChannels, channelOwner, type ChannelRequest } from './channels.ts'
import { refuse } from './errors.ts'
import { brandOf, findByPrimaryId } from './lookup.ts'
import type { Customer, Store } from './store.ts'
import { omnideskTime } from './time.ts'

export interface CustomerFields {
  firstname?: string
  lastname?: string
  custom: Record<string, string>
  channels: ChannelRequest[]
}

export interface NewCustomer extends CustomerFields {
  brandId: number
  primaryId?: string
  /**
   * The address that identifies the customer instead of a primary id (customer search by
   * channels); the customer gets it as a channel, which is what searches by channel value find.
   */
  searchValue?: string
  noSync: boolean
}

export async function createCustomer(store: Store, input: NewCustomer): Promise<Customer> {
  const brand = brandOf(store, input.brandId)
  const requested = [...input.channels]
  if (input.primaryId !== undefined) {
    if (findByPrimaryId(store, input.primaryId, brand.id)) refuse('A customer with this primary ID already exists in this brand.')
  } else if (!brand.customer_search_by_channels) {
    refuse('A primary ID is required: customer search by channels is not enabled on this brand.')
  } else if (input.searchValue !== undefined) {
    if (channelOwner(store, brand.id, input.searchValue)) refuse('A customer with this channel value already exists in this brand.')
    const field = 'search_customer_channel_value'
    requested.unshift({ name: channelNameOfAddress(input.searchValue, field), address: input.searchValue, field })
  }
  const channels = newChannels(store, brand.id, undefined, requested)
  const now = omnideskTime()
  const customer = await store.customers.create({
    id: store.ids.customer.next(),
    external_primary_id: input.primaryId ?? null,
    brand_id: brand.id,
    brand_name: brand.name,
    firstname: input.firstname ?? '',
    lastname: input.lastname ?? '',
    channels: numberChannels(store, channels),
    custom_fields: input.custom,
    created_at: now,
    updated_at: now,
  })
  if (!input.noSync) await linkTicketsFrom(store, customer, customer.channels)
  return customer
}

export interface CustomerChanges extends CustomerFields {
  /** Moves the customer to this brand. */
  brandId?: number
}

export async function changeCustomer(store: Store, customer: Customer, changes: CustomerChanges): Promise<Customer> {
  const brand = brandOf(store, changes.brandId ?? customer.brand_id)
  if (brand.id !== customer.brand_id) {
    const primaryId = customer.external_primary_id
    if (primaryId !== null && findByPrimaryId(store, primaryId, brand.id)) {
      refuse(`A customer with primary ID ${primaryId} already exists in brand ${brand.id}.`)
    }
    for (const channel of customer.channels) {
      if (channelOwner(store, brand.id, channel.address)) refuse(`The address ${channel.address} is already linked to a customer of brand ${brand.id}.`)
    }
  }
  const added = numberChannels(store, newChannels(store, brand.id, customer, changes.channels))
  const updated = await store.customers.update(customer.id, (draft) => {
    if (changes.firstname !== undefined) draft.firstname = changes.firstname
    if (changes.lastname !== undefined) draft.lastname = changes.lastname
    draft.custom_fields = { ...draft.custom_fields, ...changes.custom }
    draft.channels = [...draft.channels, ...added]
    draft.brand_id = brand.id
    draft.brand_name = brand.name
    draft.updated_at = omnideskTime()
  })
  await linkTicketsFrom(store, updated!, added)
  return updated!
}
