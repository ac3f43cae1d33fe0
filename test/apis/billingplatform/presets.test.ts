import { describe, expect, it } from 'vitest'
import presets from '../../../fixtures/billingplatform/presets.json'
import { loadSpec } from '../../support/spec-conformance.ts'

/** The default preset set lives in fixtures/billingplatform/presets.json; the spec's enums must list the same values. */
describe('billingplatform presets', () => {
  it('are exactly the enums of specs/billingplatform.yaml', async () => {
    const spec = (await loadSpec('billingplatform')) as { components: { schemas: Record<string, { enum: unknown[] }> } }
    const schemas = spec.components.schemas
    expect(schemas.TicketType!.enum).toEqual(presets.ticketTypes.map((type) => type.name))
    expect(schemas.TicketStatus!.enum).toEqual(presets.statuses)
    expect(schemas.TicketPriority!.enum).toEqual(presets.priorities)
    expect(schemas.TicketOwner!.enum).toEqual([...presets.owners, null])
  })

  it('agree with themselves: initial status and priorities, and type teams, come from their own lists', () => {
    expect(presets.statuses).toContain(presets.initialStatus)
    for (const type of presets.ticketTypes) {
      expect(presets.priorities).toContain(type.initialPriority)
      expect(presets.departments).toContain(type.team)
    }
    for (const list of [presets.statuses, presets.priorities, presets.owners, presets.departments, presets.suppliers]) {
      expect(new Set(list).size).toBe(list.length)
    }
  })
})
