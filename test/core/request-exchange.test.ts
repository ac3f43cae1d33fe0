import { expect, it } from 'vitest'
import { maskedPath } from '../../src/core/request-exchange.ts'
import { secretNames } from '../../src/core/secret-names.ts'

it('masks every secret query parameter of a logged path, however it is written, and leaves others alone', () => {
  for (const name of secretNames) expect(maskedPath(`/x?a=1&${name}=s3cret`), name).toBe(`/x?a=1&${name}=%5BREDACTED%5D`)
  for (const name of ['api_key', 'X-Api-Key', 'Access-Token', 'session_id']) expect(maskedPath(`/x?${name}=s3cret`), name).not.toContain('s3cret')
  expect(maskedPath('/x?limit=2&skip=4')).toBe('/x?limit=2&skip=4')
  expect(maskedPath('/x')).toBe('/x')
  // A parameter whose value, not name, looks like a secret's name is kept as sent.
  expect(maskedPath('/x?q=token%20here')).toBe('/x?q=token%20here')
})
