/**
 * `--credentials file.json`: named credentials per API, each with the scopes it holds, so the
 * suite can prove who may call what. A value written `$NAME` is read from the environment (and
 * shown that way in repro curls), so the file itself can be committed without secrets:
 *
 *   { "toptickets": {
 *       "admin":  { "token": "$TT_ADMIN_KEY" },
 *       "reader": { "token": "$TT_READER_KEY", "scopes": ["customers:read"] } } }
 *
 * For a single API the inner object alone is accepted too. The first entry of an API is the
 * credential every other probe uses; an entry without `scopes` holds every scope.
 */
import { Ajv2020 } from 'ajv/dist/2020.js'
import type { CredentialKind, Credentials } from './credentials.ts'

export interface NamedCredentials extends Credentials {
  name: string
}

const credential = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    token: { type: 'string', minLength: 1 },
    apiKey: { type: 'string', minLength: 1 },
    basic: { type: 'string', minLength: 1 },
    scopes: { type: 'array', items: { type: 'string' } },
  },
}
/** API id → credential name → credential. */
const schema = { type: 'object', minProperties: 1, additionalProperties: { type: 'object', minProperties: 1, additionalProperties: credential } }
const validate = new Ajv2020({ allErrors: true }).compile(schema)

/** A configuration problem in the file, said so that it can be fixed. */
export class CredentialsFileError extends Error {}

const kinds: CredentialKind[] = ['token', 'apiKey', 'basic']
const isCredential = (value: object) => Object.keys(value).every((key) => [...kinds, 'scopes'].includes(key))

/** The credentials for each API the file names (`api` picks the single-API form's owner). */
export function parseCredentialsFile(text: string, file: string, api: string, env: Record<string, string | undefined>): Record<string, NamedCredentials[]> {
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    throw new CredentialsFileError(`${file} is not JSON (${error instanceof Error ? error.message : error}).`)
  }
  const shaped = document && typeof document === 'object' && !Array.isArray(document) && Object.values(document).every((v) => v && typeof v === 'object' && isCredential(v))
  const byApi = (shaped ? { [api]: document } : document) as Record<string, Record<string, Record<string, unknown>>>
  if (!validate(byApi)) {
    throw new CredentialsFileError(
      `${file} must map names to credentials ({ "admin": { "token": "$MY_KEY", "scopes": ["..."] } }), or API ids to such maps; each credential has token, apiKey or basic, and optionally scopes.`,
    )
  }
  const result: Record<string, NamedCredentials[]> = {}
  for (const [id, entries] of Object.entries(byApi)) {
    result[id] = Object.entries(entries).map(([name, entry]) => {
      const named: NamedCredentials = { name, from: {} }
      for (const kind of kinds) {
        const value = entry[kind] as string | undefined
        if (value === undefined) continue
        const variable = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(value)?.[1]
        if (variable && !env[variable]) throw new CredentialsFileError(`${file}: ${id}.${name}.${kind} reads $${variable}, which is not set.`)
        named[kind] = variable ? env[variable]! : value
        if (variable) named.from![kind] = variable
      }
      if (!kinds.some((kind) => named[kind])) throw new CredentialsFileError(`${file}: ${id}.${name} has no token, apiKey or basic.`)
      if (entry.scopes) named.scopes = entry.scopes as string[]
      return named
    })
  }
  return result
}
