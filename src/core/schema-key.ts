/**
 * The name of a JSON Schema by its content: what `npm run generate` files each precompiled
 * validator under and what `compileSchema` looks it up by, so a schema built at run time
 * (a request's parameters as one object schema, a store's form of a spec schema) finds the
 * validator compiled for the same content. cyrb53, a 53-bit string hash: no crypto, no `node:`.
 */
import type { SchemaObject } from './openapi-document.ts'

export function schemaKey(schema: SchemaObject, coerce: boolean): string {
  const text = JSON.stringify(schema)
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ code, 2654435761)
    h2 = Math.imul(h2 ^ code, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  const hash = 4294967296 * (2097151 & h2) + (h1 >>> 0)
  return `${coerce ? 'c' : 's'}${hash.toString(36)}`
}
