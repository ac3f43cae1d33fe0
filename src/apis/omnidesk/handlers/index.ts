import type { RouteTable } from '../../../core/define-api.ts'
import type { paths } from '../../../generated/omnidesk.ts'
import type { Principal } from '../auth.ts'
import type { Store } from '../store.ts'
import { customerAddChannelOnlyPOST, customerItemChannelDELETE } from './channels.ts'
import {
  customerCreateCustomerCRUDPOST,
  customerIndexGET,
  customerIndexPOST,
  customerIndexPUT,
  customerItemDELETE,
  customerItemGET,
  customerItemPurgeDataDELETE,
  customerItemPUT,
  customerUpdateCustomerPUT,
} from './customers.ts'
import { customerSearchByCustomerChannelValuePOST, customerSearchByPrimaryExternalIDPOST } from './search.ts'
import { customerExternalEventPOST, customerSyncWithCRMPOST, customerTimelineByCustomerExternalIDGET } from './timeline.ts'

/** One handler per operation in specs/omnidesk.yaml, keyed like the spec. */
export const routes: RouteTable<paths, Store, Principal> = {
  '/api/v2/customer': { get: customerIndexGET, post: customerIndexPOST, put: customerIndexPUT },
  '/api/v2/customer/SearchByPrimaryExternalID': { post: customerSearchByPrimaryExternalIDPOST },
  '/api/v2/customer/SearchByCustomerChannelValue': { post: customerSearchByCustomerChannelValuePOST },
  '/api/v2/customer/addChannelOnly': { post: customerAddChannelOnlyPOST },
  '/api/v2/customer/updateCustomer': { put: customerUpdateCustomerPUT },
  '/api/v2/customer/timelineByCustomerExternalID': { get: customerTimelineByCustomerExternalIDGET },
  '/api/v2/customer/externalEvent': { post: customerExternalEventPOST },
  '/api/v2/customer/syncWithCRM': { post: customerSyncWithCRMPOST },
  '/api/v2/customer/createCustomerCRUD': { post: customerCreateCustomerCRUDPOST },
  '/api/v2/customer/{id}': { get: customerItemGET, put: customerItemPUT, delete: customerItemDELETE },
  '/api/v2/customer/{id}/channel/{channelId}': { delete: customerItemChannelDELETE },
  '/api/v2/customer/{id}/purgeData': { delete: customerItemPurgeDataDELETE },
}
