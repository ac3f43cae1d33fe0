/**
 * `GET /__mockdesk/openapi/<api>`: an API's OpenAPI document for the sandbox page's request
 * console, with the vendor's servers replaced by this mock's mount of the API, so that "Try it out"
 * calls the mock (the visitor's own world, through their cookie) and never the vendor.
 */
import type { ApiDefinition } from './define-api.ts'
import { KitError } from './kit-error.ts'

export const openapiPrefix = '/openapi/'

export function consoleDocument(definitions: readonly ApiDefinition[], id: string, baseUrl: (api: ApiDefinition) => string): Response {
  const api = definitions.find((definition) => definition.id === id)
  if (!api) {
    throw new KitError(
      'MOCKDESK_NO_ROUTE',
      `No mounted API is called "${id.slice(0, 60)}".`,
      `Ask for one of: ${definitions.map((definition) => `/__mockdesk/openapi/${definition.id}`).join(', ')}.`,
    )
  }
  return Response.json({ ...api.document, servers: [{ url: baseUrl(api), description: 'this mockdesk server' }] })
}
