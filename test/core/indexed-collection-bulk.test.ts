import { describe, expect, it } from 'vitest'
import { generatedRecordsChecked, IndexedCollection } from '../../src/core/indexed-collection.ts'
import { standardSchema } from '../../src/core/json-schema.ts'
// Schemas of the test's own: compiled at run time, as for an API defined outside mockdesk.
import '../../src/core/runtime-schema-compiler.ts'

interface Item {
  id: number
  name: string
}

const items = (hooks = {}) =>
  new IndexedCollection<Item>(
    {
      schema: standardSchema<Item>({ type: 'object', required: ['id', 'name'], properties: { id: { type: 'integer' }, name: { type: 'string', minLength: 1 } } }, 'Item'),
      key: (item) => item.id,
      unique: { name: (item) => item.name },
    },
    hooks,
  )

const valid = (count: number) => Array.from({ length: count }, (_, id) => ({ id, name: `item ${id}` }))

describe('IndexedCollection.createMany', () => {
  it('checks every record it is given, however many', async () => {
    const records = valid(generatedRecordsChecked + 500)
    records[generatedRecordsChecked + 100] = { id: -1, name: '' }
    await expect(items().createMany(records)).rejects.toThrow(/does not match the schema/)
  })

  it('checks the first records of a generated load, so a generator that drifts from its schema fails at once', async () => {
    for (const at of [0, generatedRecordsChecked - 1]) {
      const records = valid(generatedRecordsChecked + 10)
      records[at] = { id: at, name: '' }
      await expect(items().createMany(records, { generated: true })).rejects.toThrow(/does not match the schema/)
    }
  })

  it('keeps generated records as given, indexed, in order, with the hooks told of each', async () => {
    const created: number[] = []
    const collection = items({ beforeCreate: () => created.push(created.length), afterChange: () => {} })
    const records = valid(generatedRecordsChecked + 50)
    await collection.createMany(records, { generated: true })
    expect(collection.count()).toBe(records.length)
    expect(created).toHaveLength(records.length)
    const last = records.at(-1)!
    // Past the checked ones, the store keeps the generator's own object: nothing else holds it.
    expect(collection.get(last.id)).toBe(last)
    expect(collection.findUnique('name', last.name)).toBe(last)
    expect(collection.all().map((item) => item.id)).toEqual(records.map((item) => item.id))
  })
})
