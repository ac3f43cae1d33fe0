/**
 * No input reaches the prototype (issue 13, finding 1): `__proto__`, `constructor` and
 * `prototype` keys through every documented body kind (JSON, urlencoded, multipart) of every
 * operation, and through query strings, in both runtimes. Afterwards Object.prototype is as it
 * was, refused requests changed no stored data, and ordinary requests still answer.
 */
import { afterAll, expect, it } from 'vitest'
import { apiIds, describeTargets, normalRequest, operationsOf, requestFor, stateOf } from './targets.ts'

const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort()

const hostileJson = [
  '{"__proto__":{"polluted":"yes","toString":"no"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"prototype":{"polluted":"yes"},"constructor":1,"toString":2,"hasOwnProperty":3}',
  '{"data":{"__proto__":{"polluted":"yes"},"attributes":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}}}',
  '[{"__proto__":{"polluted":"yes"}}]',
]
const hostileFields: Array<[string, string]> = [
  ['__proto__', 'yes'],
  ['__proto__[polluted]', 'yes'],
  ['constructor[prototype][polluted]', 'yes'],
  ['constructor', 'yes'],
  ['prototype', 'yes'],
  ['toString', 'yes'],
  ['custom___proto__', 'yes'],
]
const hostileQuery = hostileFields.map(([name, value]) => `${encodeURIComponent(name)}=${value}`).join('&')

function bodies(mediaType: string): Array<{ body: BodyInit; headers: Record<string, string> }> {
  if (mediaType === 'multipart/form-data') {
    const form = new FormData()
    for (const [name, value] of hostileFields) form.append(name, value)
    form.append('__proto__', new Blob(['file']), 'a.txt')
    return [{ body: form, headers: {} }]
  }
  if (mediaType === 'application/x-www-form-urlencoded') return [{ body: new URLSearchParams(hostileFields), headers: { 'content-type': mediaType } }]
  return hostileJson.map((body) => ({ body, headers: { 'content-type': mediaType } }))
}

afterAll(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore)
})

describeTargets('prototype keys', (target) => {
  for (const id of apiIds) {
    it(`${id}: reach no prototype through bodies or query strings`, async () => {
      for (const operation of operationsOf(id)) {
        const kinds = Object.keys(operation.definition.requestBody?.content ?? {})
        const attempts = [
          { query: hostileQuery },
          ...kinds.flatMap((kind) => bodies(kind).map(({ body, headers }) => ({ body: body as never, headers, query: hostileQuery }))),
        ]
        for (const parts of attempts) {
          const before = stateOf(target, id)
          const { url, init } = requestFor(target, id, operation, parts)
          const response = await fetch(url, init)
          const what = `${init.method} ${url} ${String(init.body).slice(0, 80)}`
          expect(response.status, `${what} → ${await response.clone().text()}`).toBeLessThan(500)
          if (response.status >= 400) expect(stateOf(target, id), what).toBe(before)
          expect(({} as Record<string, unknown>).polluted, what).toBeUndefined()
          expect(Object.getOwnPropertyNames(Object.prototype).sort(), what).toEqual(prototypeBefore)
        }
      }
      expect(await normalRequest(target, id)).toBe(200)
    })
  }

  if (target.kind === 'http') {
    it('control plane: query strings with prototype keys are refused or ignored, and reset still works', async () => {
      const control = { 'x-mockdesk-control': '1' }
      for (const path of [`reset?${hostileQuery}`, `requests?${hostileQuery}`, `health?${hostileQuery}`, `reset?seed=1&__proto__[seed]=2`]) {
        const response = await fetch(`${target.url}/__mockdesk/${path}`, { method: path.startsWith('reset') ? 'POST' : 'GET', headers: control })
        expect(response.status, path).toBeLessThan(500)
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect((await fetch(`${target.url}/__mockdesk/reset?seed=42`, { method: 'POST', headers: control })).status).toBe(200)
      for (const id of apiIds) expect(await normalRequest(target, id)).toBe(200)
    })
  }
})
