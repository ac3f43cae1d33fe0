/**
 * Stored records as the resource objects the API answers with: `{id, type, attributes, links}`,
 * the links absolute and built from the base URL the request came through, so they can be
 * followed on https://api.ticketsource.io in the browser, in process, and on the local server.
 */
import type { Customer, CustomerNote, CustomerNoteRecord, CustomerRecord } from './store.ts'

export function customerResource({ id, type, attributes }: CustomerRecord, baseUrl: string): Customer {
  const self = `${baseUrl}/customers/${id}`
  return { id, type, attributes, links: { self, bookings: `${self}/bookings`, notes: `${self}/notes` } }
}

export function noteResource({ id, type, attributes, customer_id }: CustomerNoteRecord, baseUrl: string): CustomerNote {
  const customer = `${baseUrl}/customers/${customer_id}`
  return { id, type, attributes, links: { self: `${customer}/notes/${id}`, customer } }
}
