/**
 * Names of headers, query parameters and body fields that carry credentials, compared with case,
 * `_`, `-` and spaces ignored (`X-Api-Key` is `xapikey`). One list for everything that shows or
 * keeps traffic: the proxy's recordings and reports, and the sandbox page's request log.
 */
export const secretNames: readonly string[] = [
  'authorization', 'proxyauthorization', 'cookie', 'setcookie', 'apikey', 'xapikey', 'xauthtoken', 'token', 'accesstoken',
  'refreshtoken', 'idtoken', 'password', 'passwd', 'secret', 'clientsecret', 'key', 'privatekey', 'sessionid', 'signature',
  'xmockdeskadmintoken',
]

/** What a masked secret reads as. */
export const secretMask = '[REDACTED]'

/** How a name is compared: case and `_`/`-`/spaces ignored, so `api_key` matches `apiKey`. */
export const normalName = (name: string) => name.toLowerCase().replace(/[_\-\s]/g, '')

const secrets = new Set(secretNames)
export const isSecretName = (name: string) => secrets.has(normalName(name))

/** A credential header's value masked, keeping its scheme: `Bearer [REDACTED]`. */
export function maskedCredential(value: string): string {
  const scheme = /^(Bearer|Basic|Token|Digest)\s/i.exec(value)?.[1]
  return scheme ? `${scheme} ${secretMask}` : secretMask
}
