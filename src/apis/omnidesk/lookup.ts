/**
 * Finding the records a request names, or refusing with Omnidesk's "does not exist" error.
 * Primary ids are unique within a brand; without a brand the lowest customer id wins.
 */
import { refuse } from './errors.ts'
import type { Brand, Customer, Store } from './store.ts'

export const customerMissing = 'This customer does not exist.'

export function brandOf(store: Store, id: number): Brand {
  return store.brands.get(id) ?? refuse('This brand does not exist.')
}

export function customerOf(store: Store, id: number): Customer {
  return store.customers.get(id) ?? refuse(customerMissing)
}

export function findByPrimaryId(store: Store, primaryId: string, brandId?: number): Customer | undefined {
  return store.customers.all().find((c) => c.external_primary_id === primaryId && (brandId === undefined || c.brand_id === brandId))
}

export function customerByPrimaryId(store: Store, primaryId: string, brandId?: number): Customer {
  if (brandId !== undefined) brandOf(store, brandId)
  return findByPrimaryId(store, primaryId, brandId) ?? refuse(customerMissing)
}

/** The customer named by its id, else by its primary id, as several endpoints allow. */
export function customerByIdOrPrimaryId(
  store: Store,
  { id, primaryId, brandId }: { id?: number; primaryId?: string; brandId?: number },
  names: { id: string; primaryId: string },
): Customer {
  if (id !== undefined) return customerOf(store, id)
  if (primaryId !== undefined) return customerByPrimaryId(store, primaryId, brandId)
  return refuse(`Send ${names.id} or ${names.primaryId} to name the customer.`)
}
