/** The redactor: credentials always masked, personal data masked by default, masks stable and shaped. */
import { describe, expect, it } from 'vitest'
import { Redactor, secretMask } from '../../src/proxy/redact.ts'

describe('Redactor', () => {
  const redactor = new Redactor({ secretNames: ['apiKey'] })

  it('masks credentials in headers, keeping the scheme', () => {
    expect(redactor.header('Authorization', 'Bearer tt_admin_secret')).toBe(`Bearer ${secretMask}`)
    expect(redactor.header('Authorization', 'Basic dXNlcjpwYXNz')).toBe(`Basic ${secretMask}`)
    expect(redactor.header('apiKey', 'k7q2m9x4w8e1')).toBe(secretMask)
    expect(redactor.header('Cookie', 'session=abc')).toBe(secretMask)
    expect(redactor.header('X-Request-Id', 'abc')).toBe('abc')
  })

  it('masks credential query parameters (the spec names) and e-mails anywhere in a URL', () => {
    const url = redactor.url('https://acme.omnidesk.com/api/v2/customer/email/ada%40example.com?apiKey=k7q2m9&itemLimit=5')
    expect(url).not.toContain('k7q2m9')
    expect(url).not.toContain('ada')
    expect(url).toMatch(/^https:\/\/acme\.omnidesk\.com\/api\/v2\/customer\/email\/user-[0-9a-f]{8}@example\.com\?apiKey=%5BREDACTED%5D&itemLimit=5$/)
    expect(redactor.url('/customers?email=ada@example.com')).not.toContain('ada')
  })

  it('masks e-mails, names and phone numbers in bodies, by field name, keeping their shape', () => {
    const masked = redactor.value({
      name: 'Ada Lovelace',
      firstName: 'Ada',
      contact_number: '+44 20 7946 0000',
      notes: 'write to ada@example.com',
      password: 'hunter2',
      nested: [{ email: 'ada@example.com', is_vip: true, id: 7 }],
    }) as Record<string, any>
    expect(masked.name).toMatch(/^Name [0-9a-f]{6}$/)
    expect(masked.firstName).toMatch(/^Name [0-9a-f]{6}$/)
    expect(masked.contact_number).toMatch(/^\+\d\d \d\d \d{4} \d{4}$/)
    expect(masked.contact_number).not.toBe('+44 20 7946 0000')
    expect(masked.notes).toMatch(/^write to user-[0-9a-f]{8}@example\.com$/)
    expect(masked.password).toBe(secretMask)
    expect(masked.nested[0]).toEqual({ email: masked.notes.slice('write to '.length), is_vip: true, id: 7 })
  })

  it('gives the same mask to the same value within a run, and a different one in another run', () => {
    expect(redactor.value({ email: 'ada@example.com' })).toEqual(redactor.value({ email: 'ADA@example.com' }))
    expect(new Redactor().value({ email: 'ada@example.com' })).not.toEqual(redactor.value({ email: 'ada@example.com' }))
  })

  it('masks more fields when asked and keeps defaults when told, but never keeps a credential', () => {
    const custom = new Redactor({ fields: ['company'], keep: ['name', 'password'] })
    expect(custom.value({ company: 'Acme', name: 'Ada', password: 'hunter2' })).toEqual({ company: expect.stringMatching(/^redacted-[0-9a-f]{8}$/), name: 'Ada', password: secretMask })
  })
})
