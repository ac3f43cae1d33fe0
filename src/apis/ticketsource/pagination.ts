/**
 * Laravel's simple paginator (`simplePaginate()` behind an API resource collection): `links`
 * with `first`, a `last` that is always null, `prev` and `next`; `meta` with the 1-based
 * positions `from`/`to` (null on an empty page) and no total. `next` is null once nothing
 * follows. Links carry `page` alone, as the paginator writes them by default (the docs' own
 * `?page=2`; `withQueryString()` would be needed to keep `per_page`), so a client paging with
 * `per_page` sends it again each time (TS13).
 */
import type { components } from '../../generated/ticketsource.ts'

type Links = components['schemas']['PaginationLinks']
type Meta = components['schemas']['PaginationMeta']

export interface PageRequest {
  page: number
  perPage: number
  /** The request URL (the links do not keep its query). */
  url: URL
  /** The list's absolute URL without a query, e.g. `https://api.ticketsource.io/customers`. */
  path: string
}

/** `path?page=N`, all a simple paginator's link carries unless the app calls `withQueryString()`. */
const pageUrl = ({ path }: PageRequest, page: number): string => `${path}?page=${page}`

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
