import { describe, expect, it } from 'vitest'
import presets from '../../../fixtures/billingplatform/presets.json'
import { loadSpec } from '../../support/spec-conformance.ts'

type Schema = { type?: unknown; enum?: unknown[]; 'x-mockdesk-presets'?: string[] }

/**
 * The preset values are the tenant's: the spec types them as any text (so a real tenant's values
 * pass the contract suite) and keeps the mock tenant's own in `x-mockdesk-presets`; presets.json
 * holds what the spec cannot say about them (B6).
 */
describe('billingplatform presets', () => {
  it('are open text in the spec, with the mock tenant\'s values in x-mockdesk-presets', async () => {
    const spec = (await loadSpec('billingplatform')) as { components: { schemas: Record<string, Schema> } }
    const schemas = spec.components.schemas
    for (const name of ['TicketType', 'TicketStatus', 'TicketPriority', 'TicketOwner']) {
      expect(schemas[name]!.enum, name).toBeUndefined()
      expect(schemas[name]!['x-mockdesk-presets']!.length, name).toBeGreaterThan(0)
    }
    expect(schemas.TicketType!['x-mockdesk-presets']).toEqual(presets.ticketTypes.map((type) => type.name))
  })

  it('agree with themselves: initial status and priorities, and type teams, come from their own lists', async () => {
    const spec = (await loadSpec('billingplatform')) as { components: { schemas: Record<string, Schema> } }
    const values = (name: string) => spec.components.schemas[name]!['x-mockdesk-presets']!
    expect(values('TicketStatus')).toContain(presets.initialStatus)
    for (const type of presets.ticketTypes) {
      expect(values('TicketPriority')).toContain(type.initialPriority)
      expect(presets.departments).toContain(type.team)
    }
    for (const list of [values('TicketType'), values('TicketStatus'), values('TicketPriority'), values('TicketOwner'), presets.departments, presets.suppliers]) {
      expect(new Set(list).size).toBe(list.length)
    }
  })
})
