/**
 * Laravel's simple paginator (`simplePaginate()` behind an API resource collection): `links`
 * with `first`, a `last` that is always null, `prev` and `next`; `meta` with the 1-based
 * positions `from`/`to` (null on an empty page) and no total. `next` is null once nothing
 * follows. Links keep the request's other query parameters, as `withQueryString()` does, so
 * `per_page` survives following `next`.
 */
import { preferQueryParameter } from '../../core/prefer.ts'
import type { components } from '../../generated/ticketsource.ts'

type Links = components['schemas']['PaginationLinks']
type Meta = components['schemas']['PaginationMeta']

export interface PageRequest {
  page: number
  perPage: number
  /** The request URL, whose query the links keep. */
  url: URL
  /** The list's absolute URL without a query, e.g. `https://api.ticketsource.io/customers`. */
  path: string
}

/** PHP's rawurlencode, which `Arr::query` uses: everything but `A-Za-z0-9-_.~` is escaped. */
const rawUrlEncode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

function pageUrl({ url, path }: PageRequest, page: number): string {
  // `__code` is mockdesk's, not the vendor's: following a link must not repeat a chosen error.
  const query = [...url.searchParams].filter(([name]) => name !== preferQueryParameter)
  const pairs: Array<[string, string]> = []
  for (const [name, value] of query) {
    if (name !== 'page') pairs.push([name, value])
    else if (!pairs.some(([seen]) => seen === 'page')) pairs.push(['page', String(page)])
  }
  if (!pairs.some(([name]) => name === 'page')) pairs.push(['page', String(page)])
  return `${path}?${pairs.map(([name, value]) => `${rawUrlEncode(name)}=${rawUrlEncode(value)}`).join('&')}`
}

export function simplePaginate<T>(records: readonly T[], request: PageRequest): { items: T[]; links: Links; meta: Meta } {
  const { page, perPage, path } = request
  const offset = (page - 1) * perPage
  const items = records.slice(offset, offset + perPage)
  const hasMore = records.length > offset + perPage
  return {
    items,
    links: {
      first: pageUrl(request, 1),
      last: null,
      prev: page > 1 ? pageUrl(request, page - 1) : null,
      next: hasMore ? pageUrl(request, page + 1) : null,
    },
    meta: {
      current_page: page,
      from: items.length > 0 ? offset + 1 : null,
      path,
      per_page: perPage,
      to: items.length > 0 ? offset + items.length : null,
    },
  }
}
