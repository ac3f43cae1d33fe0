import { describe, expect, it } from 'vitest'
import { IndexedCollection } from '../../src/core/indexed-collection.ts'
import { standardSchema } from '../../src/core/json-schema.ts'
// Schemas of the test's own: compiled at run time, as for an API defined outside mockdesk.
import '../../src/core/runtime-schema-compiler.ts'

interface Person {
  id: string
  email: string | null
}

const people = () =>
  new IndexedCollection<Person>({
    schema: standardSchema<Person>({ type: 'object', required: ['id', 'email'], properties: { id: { type: 'string' }, email: { type: ['string', 'null'] } } }, 'Person'),
    key: (person) => person.id,
    unique: { email: (person) => person.email ?? undefined },
  })

describe('IndexedCollection unique keys', () => {
  it('leaves records without a value out of an optional unique index', async () => {
    const collection = people()
    await collection.createMany([
      { id: 'a', email: null },
      { id: 'b', email: 'b@x.io' },
      { id: 'c', email: null },
    ])
    expect(collection.findUnique('email', 'b@x.io')?.id).toBe('b')
    expect(collection.findUnique('email', 'undefined')).toBeUndefined()
    collection.delete('c')
    expect(collection.get('a')).toBeDefined()
  })

  it('moves a record in and out of the index as its value is set and cleared', async () => {
    const collection = people()
    await collection.create({ id: 'a', email: null })
    await collection.update('a', (draft) => void (draft.email = 'a@x.io'))
    expect(collection.findUnique('email', 'a@x.io')?.id).toBe('a')
    await collection.update('a', (draft) => void (draft.email = null))
    expect(collection.findUnique('email', 'a@x.io')).toBeUndefined()
  })
})
