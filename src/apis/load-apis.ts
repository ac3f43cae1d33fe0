/**
 * Loads API definitions by id from the registry that imports each API on first use: what the
 * browser entry mounts from, so an app downloads only the APIs it mounts, and what the HTTP server
 * mounts from, so a start compiles only the APIs its requests use.
 */
import { onceLoader, type ApiLoader } from '../core/api-loader.ts'
import type { ApiDefinition } from '../core/define-api.ts'
import { apiBaseUrls, apiIds, apiLoaders, type ApiId } from '../generated/api-loaders.ts'

function checkIds(ids: readonly string[]): asserts ids is readonly ApiId[] {
  const unknown = ids.filter((id) => !(id in apiLoaders))
  if (unknown.length > 0) {
    throw new Error(
      `Failed to select APIs: ${unknown.map((id) => `"${id}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a mockdesk API. ` +
        `Use one of: ${apiIds.join(', ')}.`,
    )
  }
}

export async function loadApis(ids: readonly string[] = apiIds): Promise<ApiDefinition[]> {
  checkIds(ids)
  return Promise.all(ids.map((id) => apiLoaders[id]()))
}

/** The APIs by id, each to be imported when first needed. */
export function lazyApis(ids: readonly string[] = apiIds): ApiLoader[] {
  checkIds(ids)
  return ids.map((id) => onceLoader(id, apiBaseUrls[id], apiLoaders[id]))
}

export { apiIds, type ApiId }
