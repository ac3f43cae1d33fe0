import { expect, it } from 'vitest'
import { apiIds, apis } from '../../src/apis/select-apis.ts'
import type { ApiDefinition } from '../../src/core/define-api.ts'
import { listOperations, type OpenApiDocument } from '../../src/core/openapi-document.ts'
import { authorize, sampleCurl } from '../../src/core/sample-request.ts'

const documentWith = (schemes: Record<string, Record<string, unknown>>, security: Array<Record<string, string[]>>): OpenApiDocument => ({
  openapi: '3.1.0',
  info: { title: 'T', version: '1' },
  servers: [{ url: 'https://api.example.com/v2' }],
  paths: { '/things': { get: { operationId: 'listThings', security, 'x-pagination': { style: 'offset' }, responses: { '200': { description: 'ok' } } } } },
  components: { securitySchemes: schemes },
})

const apiOf = (document: OpenApiDocument) => ({ id: 't', document, keys: [{ key: 'k1', role: 'admin', description: '' }] }) as unknown as ApiDefinition

it('puts the key where the security scheme says, preferring a Bearer header to Basic or a query key', () => {
  const schemes = {
    basic: { type: 'http', scheme: 'basic' },
    bearer: { type: 'http', scheme: 'bearer' },
    header: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    query: { type: 'apiKey', in: 'query', name: 'apiKey' },
  }
  const op = (security: Array<Record<string, string[]>>) => listOperations(documentWith(schemes, security))[0]!
  const doc = documentWith(schemes, [])
  expect(authorize(doc, op([{ basic: [] }, { bearer: [] }]), 'k1')).toEqual({ headers: { Authorization: 'Bearer k1' }, query: {} })
  expect(authorize(doc, op([{ basic: [] }]), 'k1')).toEqual({ headers: { Authorization: `Basic ${btoa('k1:')}` }, query: {} })
  expect(authorize(doc, op([{ query: [] }, { header: [] }]), 'k1')).toEqual({ headers: { 'X-Api-Key': 'k1' }, query: {} })
  expect(authorize(doc, op([{ query: [] }]), 'k1')).toEqual({ headers: {}, query: { apiKey: 'k1' } })
  expect(authorize(doc, op([]), 'k1')).toEqual({ headers: {}, query: {} })
})

it('writes a curl for the list operation with the first key', () => {
  const bearer = documentWith({ bearer: { type: 'http', scheme: 'bearer' } }, [{ bearer: [] }])
  expect(sampleCurl(apiOf(bearer), 'http://127.0.0.1:4010/t/v2')).toBe(`curl -H 'Authorization: Bearer k1' 'http://127.0.0.1:4010/t/v2/things'`)
  const basic = documentWith({ basic: { type: 'http', scheme: 'basic' } }, [{ basic: [] }])
  expect(sampleCurl(apiOf(basic), 'http://h/t/')).toBe(`curl -u 'k1:' 'http://h/t/things'`)
  const query = documentWith({ q: { type: 'apiKey', in: 'query', name: 'apiKey' } }, [{ q: [] }])
  expect(sampleCurl(apiOf(query), 'http://h')).toBe(`curl 'http://h/things?apiKey=k1'`)
})

it('has a curl for every API', () => {
  for (const id of apiIds) expect(sampleCurl(apis[id], 'http://127.0.0.1:4010/x'), id).toMatch(/^curl .*'http:\/\/127\.0\.0\.1:4010\/x\//)
})
