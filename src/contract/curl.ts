/** A curl command that reproduces a request, with secrets shown as environment variables. */
import type { SentRequest } from './exchange.ts'

type Secret = { value: string; variable: string }

const singleQuoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`

/** Quotes an argument; one that holds a secret is double-quoted with `$VARIABLE` in its place. */
function argument(text: string, secrets: Secret[]): string {
  const held = secrets.filter((secret) => secret.value && text.includes(secret.value))
  if (held.length === 0) return singleQuoted(text)
  let escaped = text.replace(/[\\"$`]/g, '\\$&')
  for (const { value, variable } of held) escaped = escaped.split(value.replace(/[\\"$`]/g, '\\$&')).join(`$${variable}`)
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
