/**
 * The mock tenant's Ticket Configuration. The docs make ticket types, statuses, priorities and
 * owners tenant-configurable "Preset Values", so the spec types them as any text and keeps the
 * mock's own values in `x-mockdesk-presets` on each schema (B6); they are read from there, so the
 * spec stays the single source. What the spec cannot say (each type's initial priority and team,
 * the initial status, the seed's departments and suppliers) is in
 * fixtures/billingplatform/presets.json.
 */
import presets from '../../../fixtures/billingplatform/presets.json'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { SchemaObject } from '../../core/openapi-document.ts'
import document from '../../generated/billingplatform-document.ts'

const schemas = document.components!.schemas!
const presetsOf = (schema: SchemaObject | undefined): string[] => (schema?.['x-mockdesk-presets'] as string[] | undefined) ?? []

export type TicketTypeName = string
export type TicketStatus = string
export type TicketPriority = string
export type Owner = string

export interface TicketTypePreset {
  name: TicketTypeName
  /** The priority a new ticket of this type gets unless the request sets one. */
  initialPriority: TicketPriority
  /** The team (department) a new ticket of this type is assigned to unless the request sets one. */
  team: string
}

/** The preset fields of a ticket, each with the values the mock's tenant accepts. */
export const presetValues = {
  ticketType: presetsOf(schemas.TicketType),
  status: presetsOf(schemas.TicketStatus),
  ticketPriority: presetsOf(schemas.TicketPriority),
  owner: presetsOf(schemas.TicketOwner),
} as const

export const ticketTypes = presets.ticketTypes as TicketTypePreset[]
export const statuses = presetValues.status
export const initialStatus = presets.initialStatus
export const priorities = presetValues.ticketPriority
export const owners = presetValues.owner
export const departments = presets.departments
export const suppliers = presets.suppliers

export function ticketType(name: TicketTypeName): TicketTypePreset {
  return ticketTypes.find((type) => type.name === name)!
}

/**
 * A record schema that also holds the preset fields to the mock tenant's values: the spec's own
 * schema takes any text there (what a real tenant may send), the store only the tenant's presets.
 */
export function withPresets<T>(schema: StandardSchemaV1<T, T>): StandardSchemaV1<T, T> {
  return {
    '~standard': {
      ...schema['~standard'],
      validate(value) {
        const result = schema['~standard'].validate(value) as StandardSchemaV1.Result<T>
        if (result.issues) return result
        const record = value as Record<string, unknown>
        const issues = Object.entries(presetValues)
          .filter(([field, values]) => record[field] !== null && !values.includes(record[field] as string))
          .map(([field, values]) => ({ message: `TicketRecord/${field} must be one of the x-mockdesk-presets: ${values.join(', ')}`, path: [field] }))
        return issues.length > 0 ? { issues } : result
      },
    },
  }
}
