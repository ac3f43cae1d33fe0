/**
 * Property-based fuzzing of every API, in process and over HTTP (issue 13): requests built from
 * each spec's operations (documented and random methods, real and hostile ids, documented and
 * random query parameters, mutated examples, random JSON, forms, garbage, deep nesting, odd
 * content types and credentials, `Prefer: code=`), sent one at a time. For each: an answer (no
 * hang), never a 5xx, and a refused request changes no stored data. Afterwards Object.prototype
 * is untouched and a normal request still answers 200.
 *
 * The budget runs on every `npm test`: MOCKDESK_FUZZ_RUNS requests per API and runtime (default
 * 300), from MOCKDESK_FUZZ_SEED (default fixed, so CI is reproducible; set another to explore).
 * A failure prints the seed and the shrunk request to replay it.
 */
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { IndexedCollection } from '../../src/core/indexed-collection.ts'
import type { Operation } from '../../src/core/openapi-document.ts'
import { apiIds, apis, describeTargets, normalRequest, operationsOf, requestFor, stateOf, type Target } from './targets.ts'

const runs = Number(process.env.MOCKDESK_FUZZ_RUNS ?? 300)
const seed = Number(process.env.MOCKDESK_FUZZ_SEED ?? 13)
/** A hang detector: no request may take this long. */
const answerWithinMs = 10_000

const hostile = ['%ED%A0%80', '%E0', '%', '%00', '..', '%2F..%2F', '__proto__', 'constructor', 'prototype', 'toString', 'null', '-1', '0', '1e308', '1.5', 'NaN', ' ', 'x'.repeat(300), '😀', 'ǅ']
const deepBodies = ['['.repeat(100_000), '{"a":'.repeat(20_000), '{"a":'.repeat(70) + '1' + '}'.repeat(70)]
const prototypeJson = ['{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '{"toString":1,"hasOwnProperty":2}']
const contentTypes = ['text/plain', 'application/xml', 'multipart/form-data; boundary=zz', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'application/vnd.api+json', '']
const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']

const text = fc.string({ maxLength: 40, unit: 'binary' })
const queryValue = fc.oneof(text, fc.constantFrom(...hostile), fc.integer().map(String), fc.double().map(String))

/** A documented example body of the operation, if any. */
function exampleOf(operation: Operation, mediaType: string): unknown {
  const media = operation.definition.requestBody?.content[mediaType] as { example?: unknown; examples?: Record<string, { value?: unknown }> } | undefined
  return media?.example ?? Object.values(media?.examples ?? {})[0]?.value
}

/** Random edits to a JSON value: a field replaced, removed or added, at any depth. */
const mutated = (value: unknown) =>
  fc.tuple(fc.nat(), fc.constantFrom('replace', 'remove', 'add'), fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('__proto__', 'constructor', 'extra', 'id', 'email', '')).map(([pick, edit, replacement, key]) => {
    const copy = structuredClone(value) as unknown
    const objects: Array<Record<string, unknown>> = []
    const walk = (node: unknown) => {
      if (node && typeof node === 'object') {
        objects.push(node as Record<string, unknown>)
        Object.values(node).forEach(walk)
      }
    }
    walk(copy)
    const target = objects[pick % Math.max(objects.length, 1)]
    if (!target) return replacement
    const names = Object.keys(target)
    const name = names[pick % Math.max(names.length, 1)] ?? key
    if (edit === 'remove') delete target[name]
    else Object.defineProperty(target, edit === 'add' ? key : name, { value: replacement, enumerable: true, writable: true, configurable: true })
    return copy
  })

function bodyFor(operation: Operation): fc.Arbitrary<{ body?: string; contentType?: string }> {
  const documented = Object.keys(operation.definition.requestBody?.content ?? {})
  const json = documented.find((type) => /json/.test(type))
  const form = documented.find((type) => /form/.test(type))
  const example = json ? exampleOf(operation, json) : undefined
  const options: Array<fc.Arbitrary<{ body?: string; contentType?: string }>> = [
    fc.constant({}),
    fc.record({ body: fc.json({ maxDepth: 3 }), contentType: fc.constantFrom(json ?? 'application/json') }),
    fc.record({ body: fc.constantFrom(...deepBodies, ...prototypeJson), contentType: fc.constantFrom(json ?? 'application/json') }),
    fc.record({ body: text, contentType: fc.constantFrom(...contentTypes, ...documented) }),
  ]
  if (example !== undefined) options.push(fc.record({ body: mutated(example).map((value) => JSON.stringify(value) ?? 'null'), contentType: fc.constant(json!) }))
  if (form) {
    const fields = fc.array(fc.tuple(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'name', 'email', 'custom___proto__'), text), queryValue), { maxLength: 6 })
    options.push(fc.record({ body: fields.map((pairs) => new URLSearchParams(pairs).toString()), contentType: fc.constant('application/x-www-form-urlencoded') }))
  }
  return fc.oneof(...options)
}

const knownIds = (target: Target, id: string) =>
  Object.values(target.mockdesk.apis.find((api) => api.definition.id === id)!.store as object)
    .filter((value): value is IndexedCollection<object> => value instanceof IndexedCollection)
    .flatMap((collection) => collection.all().slice(0, 3).map((record) => String(collection.options.key(record))))

function requestArbitrary(target: Target, id: (typeof apiIds)[number]) {
  const operations = operationsOf(id)
  const ids = knownIds(target, id)
  const segment = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids.map(encodeURIComponent)) }, fc.constantFrom(...hostile), text.map(encodeURIComponent))
  // Named, not embedded, so a failure prints a short, readable counterexample.
  const byName = new Map(operations.map((operation) => [`${operation.method.toUpperCase()} ${operation.path}`, operation]))
  const arbitrary = fc.constantFrom(...byName.keys()).chain((name) => {
    const operation = byName.get(name)!
    const names = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!)
    const queryNames = operation.parameters.filter((p) => p.in === 'query').map((p) => p.name)
    return fc.record({
      operation: fc.constant(name),
      method: fc.option(fc.constantFrom(...methods), { freq: 6 }),
      path: fc.tuple(...names.map(() => segment)).map((values) => Object.fromEntries(names.map((name, i) => [name, values[i]!]))),
      query: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...queryNames, '__proto__', 'constructor', '__code'), text), queryValue), { maxLength: 4 }),
      body: bodyFor(operation),
      credentials: fc.constantFrom('valid', 'valid', 'valid', 'none', 'garbage'),
      prefer: fc.option(fc.constantFrom('code=400', 'code=401', 'code=404', 'code=422', 'code=429', 'code=999', 'code=abc', 'dynamic=true'), { freq: 8 }),
    })
  })
  return { arbitrary, operationOf: (name: string) => byName.get(name)! }
}

describeTargets(
  'fuzz',
  (target) => {
    for (const id of apiIds) {
      it(`${id}: ${runs} random requests: no 5xx, no hang, refused requests change nothing`, async () => {
        const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort()
        const requests = requestArbitrary(target, id)
        await fc.assert(
          fc.asyncProperty(requests.arbitrary, async (request) => {
            const headers: Record<string, string> = {}
            if (request.body.contentType) headers['content-type'] = request.body.contentType
            if (request.prefer) headers.prefer = request.prefer
            if (request.credentials === 'garbage') headers.authorization = 'Basic %%%'
            const { url, init } = requestFor(target, id, requests.operationOf(request.operation), {
              path: request.path,
              query: new URLSearchParams(request.query).toString(),
              body: request.body.body,
              headers,
              anonymous: request.credentials !== 'valid',
            })
            const method = request.method ?? String(init.method)
            const before = stateOf(target, id)
            const response = await fetch(url, {
              ...init,
              method,
              body: method === 'GET' || method === 'HEAD' ? null : init.body,
              signal: AbortSignal.timeout(answerWithinMs),
            })
            const answer = await response.text()
            const what = `${method} ${url} ${JSON.stringify(request.body).slice(0, 200)} → ${response.status} ${answer.slice(0, 300)}`
            expect(response.status, what).toBeLessThan(500)
            if (response.status >= 400) expect(stateOf(target, id), `refused but changed the store: ${what}`).toBe(before)
            expect(answer, what).not.toMatch(/"stack"|node_modules|\/work\//)
          }),
          { numRuns: runs, seed, endOnFailure: true },
        )
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore)
        expect(({} as Record<string, unknown>).polluted).toBeUndefined()
        expect(await normalRequest(target, id)).toBe(200)
        if (target.url) expect((await fetch(`${target.url}/__mockdesk/health`)).status).toBe(200)
      }, 120_000)
    }
  },
  { count: 10 },
)

it('fuzzes every API', () => expect(apiIds.every((id) => apis[id] && operationsOf(id).length > 0)).toBe(true))
