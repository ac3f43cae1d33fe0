/** The drift recorder on its own: renames, counts per exchange, coverage kept apart. */
import { beforeAll, describe, expect, it } from 'vitest'
import { loadSpec, type Spec } from '../../src/contract/spec.ts'
import { checkResponse } from '../../src/proxy/check-response.ts'
import { DriftRecorder } from '../../src/proxy/drift.ts'
import { Redactor } from '../../src/proxy/redact.ts'
import samples from '../../fixtures/toptickets/customers.json' with { type: 'json' }

let spec: Spec
beforeAll(async () => {
  spec = await loadSpec('toptickets')
})

/** Records one 200 answer of `operationId` with this body, as the proxy does. */
async function observe(drift: DriftRecorder, operationId: string, body: unknown, headers: Record<string, string> = {}) {
  const operation = spec.operations.find((op) => op.id === operationId)!
  const responseHeaders = { 'content-type': 'application/json', ...headers }
  const check = await checkResponse(operation, { status: 200, headers: responseHeaders, body: new TextEncoder().encode(JSON.stringify(body)) }, drift.redactor)
  drift.record('toptickets', { operation, method: operation.method, path: operation.path, status: 200, violations: check.violations, responseHeaders, documented: check.documented, fields: check.fields })
}

const differencesOf = (drift: DriftRecorder, operationId: string) => drift.report().apis[0]!.operations.find((op) => op.operationId === operationId)!.differences

describe('DriftRecorder', () => {
  const john = samples[0]!

  function recorder() {
    const drift = new DriftRecorder(new Redactor())
    drift.addApi('toptickets', 'https://api.toptickets.app/v1', spec)
    return drift
  }

  it('reports a renamed field once, as a rename, not as a missing field and a new one', async () => {
    const drift = recorder()
    const { notes, ...rest } = john
    // Customer forbids unknown fields, so ajv flags both sides; the pairing makes them one rename.
    await observe(drift, 'getCustomer', { ...rest, internal_notes: notes })
    expect(differencesOf(drift, 'getCustomer')).toEqual([expect.objectContaining({ kind: 'renamed-field', pointer: '/notes', renamedTo: '/internal_notes', count: 1 })])
  })

  it('does not guess a rename when an object gained two fields', async () => {
    const drift = recorder()
    const { email, ...rest } = john
    await observe(drift, 'getCustomer', { ...rest, email_address: email, mail: email })
    const kinds = differencesOf(drift, 'getCustomer').map((d) => `${d.kind} ${d.pointer}`)
    expect(kinds.sort()).toEqual(['missing-field /email', 'undocumented-field /email_address', 'undocumented-field /mail'])
  })

  it('counts exchanges, not list items, and keeps one redacted example', async () => {
    const drift = recorder()
    const page = samples.map(({ id, name, email, has_premium_support }) => ({ id, name, email, is_vip: 'no', has_premium_support }))
    await observe(drift, 'listCustomers', page)
    await observe(drift, 'listCustomers', page)
    expect(differencesOf(drift, 'listCustomers')).toEqual([expect.objectContaining({ kind: 'type-mismatch', pointer: '/*/is_vip', count: 2, example: 'string "no"', documented: 'type boolean' })])
  })

  it('keeps documented fields and headers that never came apart from the differences', async () => {
    const drift = recorder()
    const page = samples.map(({ id, name, email, is_vip, has_premium_support }) => ({ id, name, email, is_vip, has_premium_support }))
    await observe(drift, 'listCustomers', page, { 'x-ratelimit-limit': '100' })
    const operation = drift.report().apis[0]!.operations[0]!
    expect(operation.differences).toEqual([expect.objectContaining({ kind: 'undocumented-header', pointer: 'x-ratelimit-limit' })])
    expect(operation.unseen.statuses).toEqual(['401', '403', '422', '429', '500'])
    expect(operation.unseen.fields).toEqual([])
  })

  it('counts undocumented fields the app sends, beside the vendor fields the walk finds', async () => {
    const drift = recorder()
    const operation = spec.operations.find((op) => op.id === 'getCustomer')!
    const check = await checkResponse(operation, { status: 200, headers: { 'content-type': 'application/json' }, body: new TextEncoder().encode(JSON.stringify(john)) }, drift.redactor)
    const sent = { side: 'request' as const, kind: 'undocumented-field' as const, in: 'body' as const, pointer: '/favourite_color', documented: 'no such field', received: '"teal"' }
    drift.record('toptickets', { operation, method: 'GET', path: operation.path, status: 200, violations: [sent, ...check.violations], documented: check.documented, fields: check.fields })
    expect(differencesOf(drift, 'getCustomer')).toEqual([expect.objectContaining({ side: 'request', kind: 'undocumented-field', pointer: '/favourite_color', count: 1 })])
  })
})
