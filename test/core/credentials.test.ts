import { describe, expect, it } from 'vitest'
import { apiKey, basicCredentials, bearerToken } from '../../src/core/credentials.ts'

const request = (headers: Record<string, string>, url = 'http://x/') => new Request(url, { headers })

describe('credential extractors', () => {
  it('reads a bearer token, case-insensitively, and nothing else', () => {
    expect(bearerToken(request({ authorization: 'Bearer abc' }))).toBe('abc')
    expect(bearerToken(request({ authorization: 'bearer abc' }))).toBe('abc')
    expect(bearerToken(request({ authorization: 'Bearer' }))).toBeUndefined()
    expect(bearerToken(request({ authorization: 'Token abc' }))).toBeUndefined()
    expect(bearerToken(request({}))).toBeUndefined()
  })

  it('decodes basic credentials with an empty password, and rejects garbage', () => {
    expect(basicCredentials(request({ authorization: `Basic ${btoa('skl-key:')}` }))).toEqual({ username: 'skl-key', password: '' })
    expect(basicCredentials(request({ authorization: 'Basic !!!' }))).toBeUndefined()
    expect(basicCredentials(request({ authorization: `Basic ${btoa('no-colon')}` }))).toBeUndefined()
  })

  it('reads an api key from a header first, then the query', () => {
    expect(apiKey(request({ apikey: 'h' }), new URL('http://x/?apiKey=q'), 'apiKey')).toBe('h')
    expect(apiKey(request({}), new URL('http://x/?apiKey=q'), 'apiKey')).toBe('q')
    expect(apiKey(request({}), new URL('http://x/'), 'apiKey')).toBeUndefined()
  })
})
