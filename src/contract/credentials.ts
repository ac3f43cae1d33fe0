/**
 * Credentials as the user gives them (`--token`, `--api-key`, `--basic`, a credentials file),
 * applied to a request the way the operation's security requirements say: Bearer header, Basic
 * header, or an API key in the header or query the scheme names. Wrong credentials keep the
 * scheme and change the value.
 */
import type { Schema, SpecOperation } from './spec.ts'

export type CredentialKind = 'token' | 'apiKey' | 'basic'

export interface Credentials {
  token?: string
  apiKey?: string
  /** `user:password` */
  basic?: string
  /**
   * The scopes (permissions) these credentials hold, as the spec's security requirements name
   * them (`customers:read`, `CUSTOMER_CUD`). Absent: every scope.
   */
  scopes?: string[]
  /**
   * The environment variable each value came from: repro curls then say `$VARIABLE`, which a
   * person can run where the variable is set. Values without one are masked unless shown.
   */
  from?: Partial<Record<CredentialKind, string>>
}

/** A secret in a request, and how a curl command shows it. */
export interface Secret {
  value: string
  /** Shell text that stands for the value in a double-quoted argument (`$MOCKDESK_TOKEN`). */
  shell?: string
  /** Literal text shown instead of the value (a masked key). */
  masked?: string
  /** How the value came to be sent, to say so under the curl commands. */
  kind: CredentialKind
}

export interface AppliedAuth {
  headers: Record<string, string>
  query: Record<string, string>
  secrets: Secret[]
}

const none: AppliedAuth = { headers: {}, query: {}, secrets: [] }

/** A key shown in a report without giving it away: its first four characters. */
export const mask = (value: string) => `${value.length > 12 ? value.slice(0, 4) : ''}…(masked)`

function secret(credentials: Credentials, kind: CredentialKind, value: string, sent: string): Secret {
  const variable = credentials.from?.[kind]
  if (variable && kind === 'basic') return { value: sent, kind, shell: `$(printf %s "$${variable}" | base64 | tr -d '\\n')` }
  if (variable) return { value: sent, kind, shell: `$${variable}` }
  return { value: sent, kind, masked: mask(kind === 'basic' ? value : sent) }
}

function apply(scheme: Schema, credentials: Credentials): AppliedAuth | undefined {
  if (scheme.type === 'http' && /^bearer$/i.test(scheme.scheme) && credentials.token) {
    return { headers: { authorization: `Bearer ${credentials.token}` }, query: {}, secrets: [secret(credentials, 'token', credentials.token, credentials.token)] }
  }
  if (scheme.type === 'http' && /^basic$/i.test(scheme.scheme) && credentials.basic) {
    const encoded = btoa(credentials.basic)
    return { headers: { authorization: `Basic ${encoded}` }, query: {}, secrets: [secret(credentials, 'basic', credentials.basic, encoded)] }
  }
  if (scheme.type === 'apiKey' && credentials.apiKey) {
    const secrets = [secret(credentials, 'apiKey', credentials.apiKey, credentials.apiKey)]
    if (scheme.in === 'query') return { headers: {}, query: { [scheme.name]: credentials.apiKey }, secrets }
    if (scheme.in === 'header') return { headers: { [scheme.name.toLowerCase()]: credentials.apiKey }, query: {}, secrets }
  }
  return undefined
}

/** The first of the operation's security requirements the credentials satisfy (none needed → empty). */
export function authFor(operation: SpecOperation, schemes: Record<string, Schema>, credentials: Credentials): AppliedAuth | undefined {
  if (operation.security.length === 0 || operation.security.some((requirement) => Object.keys(requirement).length === 0)) return none
  for (const requirement of operation.security) {
    const parts = Object.keys(requirement).map((name) => (schemes[name] ? apply(schemes[name]!, credentials) : undefined))
    if (parts.every(Boolean)) {
      return parts.reduce<AppliedAuth>(
        (all, part) => ({ headers: { ...all.headers, ...part!.headers }, query: { ...all.query, ...part!.query }, secrets: [...all.secrets, ...part!.secrets] }),
        none,
      )
    }
  }
  return undefined
}

/**
 * Whether the spec lets credentials with these scopes call the operation: some security
 * requirement whose schemes they can fill lists only scopes they hold. Undefined when the
 * credentials fit none of its schemes, or the spec names no scopes for it (nothing to prove).
 */
export function permits(operation: SpecOperation, schemes: Record<string, Schema>, credentials: Credentials): boolean | undefined {
  if (!requiresAuth(operation) || credentials.scopes === undefined) return undefined
  const fitting = operation.security.filter((requirement) => Object.keys(requirement).every((name) => schemes[name] && apply(schemes[name]!, credentials)))
  if (fitting.length === 0 || fitting.every((requirement) => Object.values(requirement).every((scopes) => scopes.length === 0))) return undefined
  return fitting.some((requirement) => Object.values(requirement).every((scopes) => scopes.every((scope) => credentials.scopes!.includes(scope))))
}

/** The same credentials, each value replaced by one the server cannot know. */
export function wrongCredentials(credentials: Credentials): Credentials {
  const wrong = (value?: string) => (value === undefined ? undefined : `mockdesk-wrong-${value.length}`)
  return { token: wrong(credentials.token), apiKey: wrong(credentials.apiKey), basic: credentials.basic && 'mockdesk-wrong:credentials' }
}

export const requiresAuth = (operation: SpecOperation) =>
  operation.security.length > 0 && !operation.security.some((requirement) => Object.keys(requirement).length === 0)

export const hasCredentials = (credentials: Credentials) => Boolean(credentials.token || credentials.apiKey || credentials.basic)
