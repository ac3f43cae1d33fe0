/** Shared by the TicketSource suites: the key in both documented forms, and the docs' records. */
import keys from '../../../fixtures/ticketsource/keys.json'
import docRecords from '../../../fixtures/ticketsource/doc-records.json'
import type { Host } from '../../support/hosts.ts'

export const key = keys[0]!.key
export const bearer = { authorization: `Bearer ${key}` }
export const basic = { authorization: `Basic ${btoa(`${key}:`)}` }

export const sampleCustomerId = docRecords.customers[0]!.id
export const sampleNoteId = docRecords.notes[0]!.id
export const seededCustomers = 120
export const sampleCustomerNotes = 12

export const customerId = /^cst-[a-z0-9]{10}$/
export const noteId = /^csn-[a-z0-9]{10}$/
export const timestamp = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/

/** A link as a path the host can request: links must be absolute, on the host's own base URL. */
export function within(host: Host, link: string): string {
  if (!link.startsWith(`${host.baseUrl}/`)) throw new Error(`${link} is not under ${host.baseUrl}`)
  return link.slice(host.baseUrl.length)
}

/** Every id of a paged list, following `links.next` from `first` until it is null. */
/**
 * Follows `links.next` to the end. The links carry `page` only (Laravel's default), so a client
 * paging with `per_page` sends it again on every page, as this one does.
 */
export async function walk(host: Host, first: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = []
  const perPage = new URL(first, 'http://x').searchParams.get('per_page')
  let pages = 0
  for (let path: string | null = first; path; pages++) {
    const reply = await host.request('GET', path, { headers: bearer })
    if (reply.status !== 200) throw new Error(`${path} answered ${reply.status}: ${reply.text}`)
    ids.push(...reply.body.data.map((record: { id: string }) => record.id))
    const next: string | null = reply.body.links.next && within(host, reply.body.links.next)
    path = next && perPage !== null ? `${next}&per_page=${perPage}` : next
  }
  return { ids, pages }
}

export const minimalCustomer = { data: { type: 'customer', attributes: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.co.uk' } } }
