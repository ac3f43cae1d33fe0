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

interface Ticket {
  id: number
  subject: string
  tags: string[]
}

const tickets = () =>
  new IndexedCollection<Ticket>({
    schema: standardSchema<Ticket>(
      { type: 'object', required: ['id', 'subject', 'tags'], properties: { id: { type: 'integer' }, subject: { type: 'string', minLength: 1 }, tags: { type: 'array', items: { type: 'string' } } } },
      'Ticket',
    ),
    key: (ticket) => ticket.id,
  })

describe('IndexedCollection records', () => {
  it('keeps a copy of the values given, in insertion order', async () => {
    const collection = tickets()
    const values = { id: 1, subject: 'One', tags: ['a'] }
    await collection.createMany([values, { id: 2, subject: 'Two', tags: [] }])
    values.tags.push('changed by the caller')
    values.subject = 'changed'
    expect(collection.get(1)).toEqual({ id: 1, subject: 'One', tags: ['a'] })
    expect(collection.all().map((ticket) => ticket.id)).toEqual([1, 2])
  })

  it('refuses a record or an update the schema rejects, and keeps what it had', async () => {
    const collection = tickets()
    await collection.create({ id: 1, subject: 'One', tags: [] })
    await expect(collection.create({ id: 2, subject: '', tags: [] })).rejects.toThrow(/does not match the schema: Ticket\/subject must NOT have fewer than 1 characters/)
    await expect(collection.update(1, (draft) => void (draft.tags = 'x' as never))).rejects.toThrow(/update a record: it does not match the schema/)
    expect(collection.all()).toEqual([{ id: 1, subject: 'One', tags: [] }])
    const version = collection.version.value
    await expect(collection.create({ id: 3, subject: 'Three' } as Ticket)).rejects.toThrow(/must have required property 'tags'/)
    expect(collection.version.value).toBe(version)
  })

  it('updates and deletes in place, keeping the others\' order, and never touches the image a fork reads', async () => {
    const image = tickets()
    await image.createMany([1, 2, 3].map((id) => ({ id, subject: `T${id}`, tags: [] })))
    image.seal()
    const fork = image.fork()
    const updated = await fork.update(2, (draft) => void draft.tags.push('urgent'))
    expect(updated).toEqual({ id: 2, subject: 'T2', tags: ['urgent'] })
    fork.delete(1)
    expect(fork.all()).toEqual([updated, { id: 3, subject: 'T3', tags: [] }])
    expect(image.all().map((ticket) => [ticket.id, ticket.tags])).toEqual([[1, []], [2, []], [3, []]])
    expect(() => image.delete(1)).toThrow(/belongs to an image/)
  })
})
