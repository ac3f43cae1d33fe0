/** Every check, by name: the one list the runner, the CLI (`--check`) and the reports use. */
import { authEnforced } from './auth-enforced.ts'
import { contentTypeConformance } from './content-type-conformance.ts'
import { negativeDataRejection } from './negative-data-rejection.ts'
import { notAServerError } from './not-a-server-error.ts'
import { paginationConsistency } from './pagination-consistency.ts'
import { permissionEnforced } from './permission-enforced.ts'
import { positiveDataAcceptance } from './positive-data-acceptance.ts'
import { resourceAvailability } from './resource-availability.ts'
import { responseHeadersConformance } from './response-headers-conformance.ts'
import { responseSchemaConformance } from './response-schema-conformance.ts'
import { statusCodeConformance } from './status-code-conformance.ts'
import { unknownResource } from './unknown-resource.ts'
import { useAfterFree } from './use-after-free.ts'
import { writePersistence } from './write-persistence.ts'

export const checks = {
  'not-a-server-error': notAServerError,
  'status-code-conformance': statusCodeConformance,
  'content-type-conformance': contentTypeConformance,
  'response-schema-conformance': responseSchemaConformance,
  'response-headers-conformance': responseHeadersConformance,
  'auth-enforced': authEnforced,
  'permission-enforced': permissionEnforced,
  'negative-data-rejection': negativeDataRejection,
  'positive-data-acceptance': positiveDataAcceptance,
  'resource-availability': resourceAvailability,
  'use-after-free': useAfterFree,
  'unknown-resource': unknownResource,
  'write-persistence': writePersistence,
  'pagination-consistency': paginationConsistency,
} as const

export type CheckName = keyof typeof checks

export const checkNames = Object.keys(checks) as CheckName[]

export type { Check } from './check.ts'
