/**
 * The customer timeline: events posted with externalEvent, newest first, and on request the
 * customer's tickets among them. syncWithCRM lives here too: what it leaves behind is an event.
 */
import { channelOwner } from '../channels.ts'
import { refuse } from '../errors.ts'
import { brandOf, customerByIdOrPrimaryId, customerByPrimaryId, customerMissing } from '../lookup.ts'
import { omnideskTime } from '../time.ts'
import { handler, result } from './handler.ts'

const newestFirst = (a: { created_at: string; id: number }, b: { created_at: string; id: number }) =>
  b.created_at.localeCompare(a.created_at) || b.id - a.id

export const customerTimelineByCustomerExternalIDGET = handler<'customerTimelineByCustomerExternalIDGET'>(({ store, query, json }) => {
  const customer = customerByPrimaryId(store, query.external_id, query.brand_id)
  const events = store.events.all().filter((e) => e.customer_id === customer.id)
  const tickets =
    query.getTicketHistory === undefined
      ? []
      : store.tickets
          .all()
          .filter((t) => t.customer_id === customer.id)
          .map(({ id, title, status, channel_name, created_at, last_update }) => ({ id, type: 'ticket' as const, title, status, channel_name, created_at, last_update }))
  return json(200, {
    type: 'item',
    item: {
      customer_id: customer.id,
      external_primary_id: query.external_id,
      brand_id: customer.brand_id,
      timeline: [...events, ...tickets].sort(newestFirst),
    },
  })
})

export const customerExternalEventPOST = handler<'customerExternalEventPOST'>(async ({ store, body, json }) => {
  const customer = customerByIdOrPrimaryId(
    store,
    { id: body.customer_id, primaryId: body.external_id, brandId: body.brand_id },
    { id: 'customer_id', primaryId: 'external_id' },
  )
  await store.events.create({
    id: store.ids.event.next(),
    type: 'event',
    customer_id: customer.id,
    // The spec's default fills initiated_by in when it is not sent.
    initiated_by: body.initiated_by!,
    message: body.message,
    source_url: body.source_url ?? null,
    created_at: omnideskTime(),
  })
  return json(200, result('Event created.'))
})

/** The mock has no CRM to call: it answers as a configured lookup that found the customer would. */
export const customerSyncWithCRMPOST = handler<'customerSyncWithCRMPOST'>(async ({ store, body, json }) => {
  const brand = brandOf(store, body.brandID)
  if (brand.crm_lookup_url === null) refuse('No CRM lookup URL is configured for this brand.')
  // The address goes to the CRM lookup as sent (the spec allows any channel value): only a
  // customer of the brand with that address can be synchronized.
  const customer = channelOwner(store, brand.id, body.address) ?? refuse(customerMissing)
  const now = omnideskTime()
  await store.customers.update(customer.id, (draft) => {
    draft.updated_at = now
  })
  await store.events.create({
    id: store.ids.event.next(),
    type: 'event',
    customer_id: customer.id,
    initiated_by: 'CRM sync',
    message: 'Customer data synchronized with the CRM.',
    source_url: brand.crm_lookup_url,
    created_at: now,
  })
  return json(200, result('Customer synchronized with CRM.'))
})
