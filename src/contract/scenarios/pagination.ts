/**
 * Full walks through every list the spec marks with `x-pagination`, with the parameters it
 * names: once with a small page size and once with the largest documented one, so a gap in one
 * walk shows as an item the other saw. Links to the next page are followed only on the base URL.
 */
import type { RunContext } from '../context.ts'
import type { Walk } from '../exchange.ts'
import { resolvePointer } from '../runtime-expression.ts'
import type { Pagination, SpecOperation } from '../spec.ts'

const maxPages = 200

async function walk(context: RunContext, operation: SpecOperation, paging: Pagination, size: number | undefined, record: boolean): Promise<Walk> {
  const base = context.validParts(operation, { poolOnly: true }) ?? context.validParts(operation)
  const result: Walk = { pages: [], complete: false }
  if (!base) return { ...result, note: 'no valid request could be built' }
  let cursor: unknown
  let offset = 0
  for (let page = 1; page <= maxPages; page++) {
    const query: Record<string, unknown> = { ...base.query }
    if (paging.limit && size !== undefined) query[paging.limit] = size
    if (paging.style === 'offset' && paging.offset) query[paging.offset] = offset
    if (paging.style === 'page' && paging.page) query[paging.page] = page
    if (paging.style === 'cursor' && paging.cursor && cursor !== undefined) query[paging.cursor] = cursor
    const parts = { ...base, query }
    const exchange = await context.send(operation, 'page', `page ${page}`, parts)
    // The control walk only counts items; its pages are not judged twice.
    if (!record) context.recorded.pop()
    const items = resolvePointer(exchange.response.json, paging.items ?? '')
    if (!Array.isArray(items)) return { ...result, note: `page ${page} (${exchange.request.url}) answered ${exchange.response.status} without an item array at "${paging.items ?? ''}"` }
    const itemIds = items.map((item) => String(resolvePointer(item, paging.itemId ?? '/id')))
    const requested = paging.limit ? size : paging.pageSize
    result.pages.push({ url: exchange.request.url, itemIds, size: items.length, requested })
    if (paging.total) result.total = Number(resolvePointer(exchange.response.json, paging.total))
    if (record && page === 1) context.harvest(exchange, parts)

    offset += items.length
    cursor = items.length > 0 ? resolvePointer(items[items.length - 1], `/${paging.cursorField ?? 'id'}`) : cursor
    const next = paging.next ? resolvePointer(exchange.response.json, paging.next) : undefined
    const ended = paging.next
      ? next === null || next === undefined
      : items.length === 0 || (requested !== undefined && items.length < requested) || (result.total !== undefined && offset >= result.total)
    if (ended) return { ...result, complete: true }
    if (typeof next === 'string' && !context.client.allows(next)) {
      return { ...result, note: `the next link ${next} leaves the base URL; the walk stopped there` }
    }
  }
  return { ...result, note: `no end after ${maxPages} pages` }
}

export async function walkPages(context: RunContext): Promise<void> {
  let walks = 0
  for (const operation of context.spec.operations) {
    const paging = operation.pagination
    if (!paging || operation.method !== 'GET' || !context.owns(operation)) continue
    const limit = paging.limit ? operation.parameters.find((p) => p.name === paging.limit)?.schema : undefined
    const largest = limit?.maximum ?? limit?.default
    const small = largest !== undefined ? Math.max(1, Math.min(7, largest)) : undefined
    const control = largest !== undefined && largest !== small ? await walk(context, operation, paging, largest, false) : undefined
    const result = await walk(context, operation, paging, small, true)
    if (control?.complete) result.control = control.pages.flatMap((page) => page.itemIds)
    const last = context.recorded.at(-1)?.exchange
    if (last && last.operation === operation) last.walk = result
    walks++
  }
  context.progress(`pagination: ${walks} walks`)
}
