import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mountedHandler } from '../../src/core/mounted-handler.ts'

// The handler answers exactly what `http.all(pattern)` would, whatever its cheap `within` test lets through.
describe('mountedHandler', () => {
  const seen: string[] = []
  const server = setupServer(
    mountedHandler(/^https:\/\/api\.example\.test\/v1(?:[/?#]|$)/i, /^https:\/\/api\.example\.test\/v1(?:\/.*)?$/i, ({ request }) => {
      seen.push(request.url)
      return Response.json({ url: request.url, cookie: request.headers.get('cookie') })
    }),
    // Outside the mount: the next handler gets the request.
    mountedHandler(/^https:\/\/api\.example\.test(?:[/?#]|$)/i, /^https:\/\/api\.example\.test(?:\/.*)?$/i, () => new Response('elsewhere', { status: 404 })),
  )
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())

  it.each(['https://api.example.test/v1', 'https://api.example.test/v1?limit=2', 'https://API.example.test/V1/customers?x=1', 'https://api.example.test/v1/'])('answers %s', async (url) => {
    const response = await fetch(url, { headers: { cookie: 'a=1' } })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ url: new URL(url).href, cookie: 'a=1' })
  })

  it.each(['https://api.example.test/v10', 'https://api.example.test/', 'https://api.example.test/other/v1'])('leaves %s to the next handler', async (url) => {
    const before = seen.length
    const response = await fetch(url)
    expect(response.status).toBe(404)
    expect(await response.text()).toBe('elsewhere')
    expect(seen.length).toBe(before)
  })
})
