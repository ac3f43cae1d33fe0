/**
 * A curl command that reproduces a request. Secrets appear as the user gave them: as
 * `$VARIABLE` when they came from the environment, masked when typed on the command line (unless
 * the run shows secrets, in which case none are passed here).
 */
import type { Secret } from './credentials.ts'
import type { SentRequest } from './exchange.ts'

const singleQuoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`

/** Quotes an argument; one that holds a secret from the environment is double-quoted around `$VARIABLE`. */
function argument(text: string, secrets: Secret[]): string {
  let shown = text
  for (const { value, masked } of secrets) if (masked !== undefined && value) shown = shown.split(value).join(masked)
  const held = secrets.filter((secret) => secret.shell !== undefined && secret.value && shown.includes(secret.value))
  if (held.length === 0) return singleQuoted(shown)
  let escaped = shown.replace(/[\\"$`]/g, '\\$&')
  for (const { value, shell } of held) escaped = escaped.split(value.replace(/[\\"$`]/g, '\\$&')).join(shell!)
  return `"${escaped}"`
}

export function toCurl(request: SentRequest, secrets: Secret[] = []): string {
  const parts = ['curl', '-i']
  if (request.method !== 'GET') parts.push('-X', request.method)
  parts.push(argument(request.url, secrets))
  for (const [name, value] of Object.entries(request.headers)) {
    if (request.body?.fields && name === 'content-type') continue // curl -F writes its own boundary
    parts.push('-H', argument(`${name}: ${value}`, secrets))
  }
  if (request.body?.fields) {
    for (const [name, value] of Object.entries(request.body.fields)) parts.push('-F', singleQuoted(`${name}=${value}`))
  } else if (request.body?.text !== undefined) {
    parts.push('--data-raw', singleQuoted(request.body.text))
  }
  return parts.join(' ')
}
