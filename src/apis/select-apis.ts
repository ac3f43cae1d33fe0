/** Picks API definitions from the generated registry by id, with an error that lists the real ids. */
import type { ApiDefinition } from '../core/define-api.ts'
import { apiIds, apis, type ApiId } from '../generated/apis.ts'

export function selectApis(ids: readonly string[] = apiIds): ApiDefinition[] {
  const unknown = ids.filter((id) => !(id in apis))
  if (unknown.length > 0) {
    throw new Error(
      `Failed to select APIs: ${unknown.map((id) => `"${id}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a mockdesk API. ` +
        `Use one of: ${apiIds.join(', ')}.`,
    )
  }
  return ids.map((id) => apis[id as ApiId] as ApiDefinition)
}

export { apiIds, apis, type ApiId }
