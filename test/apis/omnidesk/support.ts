/** Keys and form bodies for the Omnidesk suites. */
import keys from '../../../fixtures/omnidesk/keys.json'

const headerFor = (role: string) => ({ apiKey: keys.find((k) => k.role === role)!.key })

export const full = headerFor('customer_admin')
export const reader = headerFor('customer_reader')
export const writer = headerFor('customer_sync')
export const ticketsOnly = headerFor('ticket_reader')

type Fields = Record<string, string | number | boolean>

/** An `application/x-www-form-urlencoded` body, as `curl --data-urlencode` sends it. */
export function urlencoded(fields: Fields, headers: Record<string, string> = full) {
  const body = new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString()
  return { body, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' } }
}

/** A `multipart/form-data` body, serialized by the platform's own FormData encoder. */
export async function multipart(fields: Fields | Array<[string, string]>, headers: Record<string, string> = full) {
  const form = new FormData()
  for (const [k, v] of Array.isArray(fields) ? fields : Object.entries(fields)) form.append(k, String(v))
  const encoded = new Response(form)
  return { body: await encoded.text(), headers: { ...headers, 'content-type': encoded.headers.get('content-type')! } }
}

export const thomas = 626822
