/**
 * An API known by its id and documented base URL before its code is loaded. The HTTP server mounts
 * APIs this way (from the generated registry, src/generated/api-loaders.ts), so that a start
 * compiles and seeds only the APIs its requests use; an API already loaded is a loader too.
 */
import type { ApiDefinition } from './define-api.ts'
import { documentedBaseUrl } from './openapi-document.ts'

export interface ApiLoader {
  id: string
  /** The spec's first server URL, e.g. `https://api.toptickets.app/v1`. */
  documentedBaseUrl: string
  /** The definition: imported on the first call, the same object on every call after. */
  load(): Promise<ApiDefinition>
}

export const isApiLoader = (api: ApiDefinition | ApiLoader): api is ApiLoader => typeof (api as ApiLoader).load === 'function'

/** The loader of an API already loaded. */
export function loaderOf(api: ApiDefinition | ApiLoader): ApiLoader {
  if (isApiLoader(api)) return api
  const loaded = Promise.resolve(api)
  return { id: api.id, documentedBaseUrl: documentedBaseUrl(api.document), load: () => loaded }
}

/** A loader that imports once, however many callers ask at the same time. */
export function onceLoader(id: string, baseUrl: string, load: () => Promise<ApiDefinition>): ApiLoader {
  let loading: Promise<ApiDefinition> | undefined
  return {
    id,
    documentedBaseUrl: baseUrl,
    load: () => {
      if (!loading) {
        loading = load()
        // A failed import is not kept: the next call tries again.
        loading.catch(() => (loading = undefined))
      }
      return loading
    },
  }
}
