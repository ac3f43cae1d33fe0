/**
 * Credentials as the user gives them (`--token`, `--api-key`, `--basic`), applied to a request
 * the way the operation's security requirements say: Bearer header, Basic header, or an API key
 * in the header or query the scheme names. Wrong credentials keep the scheme and change the value.
 */
import type { Schema, SpecOperation } from './spec.ts'

export interface Credentials {
  token?: string
  apiKey?: string
  /** `user:password` */
  basic?: string
}

export interface AppliedAuth {
  headers: Record<string, string>
  query: Record<string, string>
  /** The secret values and the environment variable each stands for in curl commands. */
  secrets: Array<{ value: string; variable: string }>
}

const none: AppliedAuth = { headers: {}, query: {}, secrets: [] }

function apply(scheme: Schema, credentials: Credentials): AppliedAuth | undefined {
  if (scheme.type === 'http' && /^bearer$/i.test(scheme.scheme) && credentials.token) {
    return { headers: { authorization: `Bearer ${credentials.token}` }, query: {}, secrets: [{ value: credentials.token, variable: 'MOCKDESK_TOKEN' }] }
  }
  if (scheme.type === 'http' && /^basic$/i.test(scheme.scheme) && credentials.basic) {
    const encoded = btoa(credentials.basic)
    return { headers: { authorization: `Basic ${encoded}` }, query: {}, secrets: [{ value: encoded, variable: 'MOCKDESK_BASIC' }] }
  }
  if (scheme.type === 'apiKey' && credentials.apiKey) {
    const secrets = [{ value: credentials.apiKey, variable: 'MOCKDESK_API_KEY' }]
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

/** The same credentials, each value replaced by one the server cannot know. */
export function wrongCredentials(credentials: Credentials): Credentials {
  const wrong = (value?: string) => (value === undefined ? undefined : `mockdesk-wrong-${value.length}`)
  return { token: wrong(credentials.token), apiKey: wrong(credentials.apiKey), basic: credentials.basic && 'mockdesk-wrong:credentials' }
}

export const requiresAuth = (operation: SpecOperation) =>
  operation.security.length > 0 && !operation.security.some((requirement) => Object.keys(requirement).length === 0)
