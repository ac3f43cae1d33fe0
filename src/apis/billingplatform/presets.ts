/**
 * The tenant's Ticket Configuration: ticket types (each with its initial priority and team),
 * statuses, priorities and the users who can own tickets. The docs make these tenant-configurable
 * lists and publish no canonical values, so the mock keeps one documented default set in
 * fixtures/billingplatform/presets.json; the spec's enums must list the same values (a test
 * checks that they agree), and request validation enforces them.
 */
import presets from '../../../fixtures/billingplatform/presets.json'
import type { components } from '../../generated/billingplatform.ts'

type Schemas = components['schemas']
export type TicketTypeName = Schemas['TicketType']
export type TicketStatus = Schemas['TicketStatus']
export type TicketPriority = Schemas['TicketPriority']
export type Owner = NonNullable<Schemas['TicketOwner']>

export interface TicketTypePreset {
  name: TicketTypeName
  /** The priority a new ticket of this type gets unless the request sets one. */
  initialPriority: TicketPriority
  /** The team (department) a new ticket of this type is assigned to unless the request sets one. */
  team: string
}

export const ticketTypes = presets.ticketTypes as TicketTypePreset[]
export const statuses = presets.statuses as TicketStatus[]
export const initialStatus = presets.initialStatus as TicketStatus
export const priorities = presets.priorities as TicketPriority[]
export const owners = presets.owners as Owner[]
export const departments = presets.departments
export const suppliers = presets.suppliers

export function ticketType(name: TicketTypeName): TicketTypePreset {
  return ticketTypes.find((type) => type.name === name)!
}
