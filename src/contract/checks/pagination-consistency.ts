/**
 * A full walk through a list, with the paging parameters the spec declares, must see every item
 * once: no item twice, none missing (against the total, or a second walk with another page size),
 * no page over the size asked for, and an end the walk can find.
 */
import type { Check } from './check.ts'

export const paginationConsistency: Check = ({ walk }) => {
  if (!walk) return undefined
  const failures: NonNullable<ReturnType<Check>> = []
  const ids = walk.pages.flatMap((page) => page.itemIds)
  const seen = new Set<string>()
  const repeated = [...new Set(ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false))))]
  if (repeated.length > 0) {
    failures.push({ title: `The walk saw ${repeated.length} item(s) twice`, received: `repeated: ${repeated.slice(0, 5).join(', ')}`, documented: 'each item on exactly one page', severity: 'high' })
  }
  for (const page of walk.pages) {
    if (page.requested !== undefined && page.size > page.requested) {
      failures.push({ title: `A page holds ${page.size} items, more than the ${page.requested} asked for`, received: page.url, documented: `at most ${page.requested} items`, severity: 'high' })
    }
  }
  if (walk.total !== undefined && walk.complete && seen.size !== walk.total) {
    failures.push({ title: `The walk saw ${seen.size} items, the total says ${walk.total}`, received: `${seen.size} distinct items`, documented: `total ${walk.total}`, severity: 'high' })
  }
  if (walk.control && walk.complete) {
    const missing = walk.control.filter((id) => !seen.has(id))
    if (missing.length > 0) {
      failures.push({ title: `The walk missed ${missing.length} item(s) another page size shows`, received: `missing: ${missing.slice(0, 5).join(', ')}`, documented: 'the same items whatever the page size', severity: 'high' })
    }
  }
  if (!walk.complete) failures.push({ title: 'The walk found no end', received: walk.note ?? 'no end marker', documented: 'a last page (empty, short, or without a next link)', severity: 'medium' })
  return failures
}
