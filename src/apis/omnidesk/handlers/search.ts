/** The two searches: by external primary id and by channel address; both answer the customer as GET item does. */
import { channelOwner } from '../channels.ts'
import { refuse } from '../errors.ts'
import { brandOf, customerByPrimaryId, customerMissing } from '../lookup.ts'
import { handler } from './handler.ts'

export const customerSearchByPrimaryExternalIDPOST = handler<'customerSearchByPrimaryExternalIDPOST'>(({ store, body, json }) => {
  return json(200, { type: 'item', item: customerByPrimaryId(store, body.primary_id, body.brand_id) })
})

export const customerSearchByCustomerChannelValuePOST = handler<'customerSearchByCustomerChannelValuePOST'>(({ store, body, json }) => {
  const brandIds = body.brand_id === undefined ? store.brands.all().map((b) => b.id) : [brandOf(store, body.brand_id).id]
  // Without a brand, the lowest customer id among the brands' owners of the address wins.
  const owners = brandIds.map((id) => channelOwner(store, id, body.customerChannelValue)).filter((c) => c !== undefined)
  const customer = owners.sort((a, b) => a.id - b.id)[0] ?? refuse(customerMissing)
  return json(200, { type: 'item', item: customer })
})
