/** The body must match the schema documented for its status and content type. */
import { describeErrors, schemaErrors } from '../validator.ts'
import type { Check } from './check.ts'
import { documentedResponse, excerpt, mediaTypeOf } from './documented-response.ts'

export const responseSchemaConformance: Check = ({ operation, response }) => {
  const media = documentedResponse(operation, response.status)?.content?.[mediaTypeOf(response.headers)]
  if (!media?.schema) return undefined
  if (!/json/.test(mediaTypeOf(response.headers))) return []
  if (response.json === undefined) {
    return [{ title: 'The body is not JSON', received: excerpt(response.text), documented: 'a JSON body matching the schema', severity: 'high' }]
  }
  const errors = schemaErrors(media.schema, response.json)
  if (errors.length === 0) return []
  return [{ title: `The ${response.status} body does not match its schema`, received: `${describeErrors(errors)} in ${excerpt(response.text, 200)}`, documented: `the ${response.status} schema`, severity: 'high' }]
}
