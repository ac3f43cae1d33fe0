/**
 * Masks what must never leave the proxy: credentials (always), and by default e-mail addresses,
 * people's names and phone numbers. The same input gives the same mask within one run (an HMAC
 * with a key drawn at start-up and never written anywhere), so a recording keeps its
 * relationships (one customer's e-mail is the same everywhere) without the original being
 * recoverable by hashing guesses. Masks keep the value's shape (an e-mail stays an e-mail), so a
 * store seeded from a recording still passes the spec's checks.
 */
import { createHmac, randomBytes } from 'node:crypto'
import { maskedCredential, normalName, secretMask, secretNames } from '../core/secret-names.ts'

export { secretMask }

export type RedactionKind = 'secret' | 'email' | 'name' | 'phone' | 'text'

export interface RedactionOptions {
  /** More field names to mask (body fields and query parameters), e.g. `company`, `notes`. */
  fields?: string[]
  /** Default field names not to mask, e.g. `name` when names are not personal in your data. */
  keep?: string[]
  /** Header and query parameter names that carry credentials, e.g. from the spec's security schemes. */
  secretNames?: string[]
}

/** How a field name is compared: case and `_`/`-` ignored, so `first_name` matches `firstName`. */
const normal = normalName

export const defaultRedactions: Record<string, RedactionKind> = {
  ...Object.fromEntries(secretNames.map((n) => [n, 'secret' as const])),
  ...Object.fromEntries(['email', 'emailaddress', 'mail', 'customeremail', 'useremail'].map((n) => [n, 'email' as const])),
  ...Object.fromEntries(
    ['name', 'firstname', 'lastname', 'fullname', 'displayname', 'contactname', 'customername', 'username', 'givenname', 'familyname', 'surname', 'middlename', 'nickname'].map((n) => [n, 'name' as const]),
  ),
  ...Object.fromEntries(['phone', 'phonenumber', 'contactnumber', 'mobile', 'mobilephone', 'telephone', 'tel', 'fax', 'whatsapp', 'cellphone'].map((n) => [n, 'phone' as const])),
}

const emailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g

export class Redactor {
  readonly #key = randomBytes(32)
  readonly #rules = new Map<string, RedactionKind>()

  constructor(options: RedactionOptions = {}) {
    for (const [name, kind] of Object.entries(defaultRedactions)) this.#rules.set(name, kind)
    for (const name of options.keep ?? []) if (this.#rules.get(normal(name)) !== 'secret') this.#rules.delete(normal(name))
    for (const name of options.fields ?? []) if (!this.#rules.has(normal(name))) this.#rules.set(normal(name), 'text')
    for (const name of options.secretNames ?? []) this.#rules.set(normal(name), 'secret')
  }

  /** How a field, header or parameter of this name is masked, if it is. */
  kindOf(name: string): RedactionKind | undefined {
    return this.#rules.get(normal(name))
  }

  #hash(value: string, length = 8): string {
    return createHmac('sha256', this.#key).update(value).digest('hex').slice(0, length)
  }

  /** A mask for one value of a kind, keeping its shape. */
  mask(kind: RedactionKind, value: unknown): unknown {
    if (value === null || value === undefined || typeof value === 'boolean') return value
    if (kind === 'secret') return typeof value === 'number' ? 0 : secretMask
    // A number is no one's name; a numeric phone number or e-mail-like id still is personal.
    if (typeof value === 'number') return kind === 'name' ? value : 0
    if (typeof value !== 'string') return this.value(value)
    if (value === '') return value
    switch (kind) {
      case 'email':
        return /@/.test(value) ? `user-${this.#hash(value.toLowerCase())}@example.com` : `redacted-${this.#hash(value)}`
      case 'name':
        return `Name ${this.#hash(value, 6)}`
      case 'phone':
        // Digits become a stable fake number of the same length; punctuation stays, so formats hold.
        return value.replace(/\d/g, (_, index: number) => String(parseInt(this.#hash(value, 12)[index % 12]!, 16) % 10))
      default:
        return `redacted-${this.#hash(value)}`
    }
  }

  /** Free text with every e-mail address in it masked. */
  text(value: string): string {
    return value.replace(emailPattern, (email) => this.mask('email', email) as string)
  }

  /** A JSON value with masked fields (by name) and e-mail addresses (anywhere) replaced. */
  value(value: unknown, name?: string): unknown {
    const kind = name === undefined ? undefined : this.kindOf(name)
    if (kind && (value === null || typeof value !== 'object')) return this.mask(kind, value)
    if (kind === 'secret') return secretMask
    if (typeof value === 'string') return this.text(value)
    if (Array.isArray(value)) return value.map((item) => this.value(item, name))
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.value(item, key)]))
    }
    return value
  }

  /** The value at a JSON pointer, masked as its field name says (for a report's example). */
  atPointer(pointer: string, value: unknown): unknown {
    const last = pointer.split('/').pop() ?? ''
    return this.value(value, /^\d+$/.test(last) ? undefined : last.replace(/~1/g, '/').replace(/~0/g, '~'))
  }

  /** A header's value: credentials masked (`Bearer [REDACTED]`), e-mails masked. */
  header(name: string, value: string): string {
    if (this.kindOf(name) === 'secret') return maskedCredential(value)
    return this.text(value)
  }

  /** A URL (or path with query) with credential and masked query parameters replaced, and e-mails masked. */
  url(raw: string): string {
    const absolute = /^[a-z]+:\/\//i.test(raw)
    const url = new URL(raw, 'http://placeholder.invalid')
    for (const [name, value] of [...url.searchParams]) {
      const kind = this.kindOf(name)
      if (kind) url.searchParams.set(name, String(this.mask(kind, value)))
    }
    const path = url.pathname
      .split('/')
      .map((segment) => {
        try {
          return encodeURIComponent(this.text(decodeURIComponent(segment))).replace(/%40/g, '@')
        } catch {
          return this.text(segment) // not valid percent-encoding: masked as it is
        }
      })
      .join('/')
    const rest = `${path}${url.search}${url.hash}`
    return absolute ? `${url.origin}${rest}` : rest
  }
}
