/**
 * Loads API definitions by id from the registry that imports each API on first use: what the
 * browser entry mounts from, so an app downloads only the APIs it mounts.
 */
import type { ApiDefinition } from '../core/define-api.ts'
import { apiIds, apiLoaders, type ApiId } from '../generated/api-loaders.ts'

export async function loadApis(ids: readonly string[] = apiIds): Promise<ApiDefinition[]> {
  const unknown = ids.filter((id) => !(id in apiLoaders))
  if (unknown.length > 0) {
    throw new Error(
      `Failed to select APIs: ${unknown.map((id) => `"${id}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a mockdesk API. ` +
        `Use one of: ${apiIds.join(', ')}.`,
    )
  }
  return Promise.all(ids.map((id) => apiLoaders[id as ApiId]()))
}

export { apiIds, type ApiId }
