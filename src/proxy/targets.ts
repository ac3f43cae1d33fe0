/**
 * What the proxy forwards to: per API, the vendor base URL the user names, the API's spec (read
 * by the contract suite's loader) and where the API is mounted on the proxy (`/` for one API,
 * `/<id>` for several). A target that is not https is refused unless the user says otherwise:
 * the app's credentials travel through the proxy to it.
 */
import { loadSpec, type Spec } from '../contract/spec.ts'
import { OperationMatcher } from './operation-matcher.ts'

export interface ProxyTargetOptions {
  /** API id (`toptickets`) or a path to an OpenAPI file. */
  api: string
  /** The vendor's base URL, e.g. `https://api.toptickets.app/v1`. */
  target: string
}

export interface ProxyTarget {
  api: string
  base: URL
  spec: Spec
  matcher: OperationMatcher
  /** The path prefix on the proxy: '' (at the root) or `/<id>`. */
  mount: string
}

/** A problem with the proxy's setup (bad target, unknown API): shown to the user with its fix. */
export class ProxySetupError extends Error {}

export function parseTarget(api: string, raw: string, allowHttp: boolean): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ProxySetupError(`The target for ${api}, "${raw}", is not a URL. Pass the vendor's base URL, e.g. --target https://api.toptickets.app/v1.`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ProxySetupError(`The target for ${api} must be an https URL, not ${url.protocol}.`)
  if (url.protocol === 'http:' && !allowHttp) {
    throw new ProxySetupError(
      `The target for ${api} is not https (${url.origin}): the app's credentials would cross the network in clear text. Use the https URL, or pass --allow-http for a local stand-in or staging server you trust.`,
    )
  }
  if (url.username || url.password) throw new ProxySetupError(`The target for ${api} carries credentials in its URL. Remove them: the proxy passes the app's own credentials through and never adds any.`)
  if (url.search || url.hash) throw new ProxySetupError(`The target for ${api} has a query or fragment (${url.search}${url.hash}); pass only the base URL.`)
  return url
}

export async function resolveTargets(options: ProxyTargetOptions[], { allowHttp = false, prefixed = false } = {}): Promise<ProxyTarget[]> {
  if (options.length === 0) throw new ProxySetupError('No target given: pass --target <vendor base URL>.')
  if (!prefixed && options.length > 1) throw new ProxySetupError('Several targets need --all, which mounts each API under /<id>.')
  const ids = new Set<string>()
  const targets: ProxyTarget[] = []
  for (const option of options) {
    if (ids.has(option.api)) throw new ProxySetupError(`${option.api} has two targets; give one per API.`)
    ids.add(option.api)
    const base = parseTarget(option.api, option.target, allowHttp)
    let spec: Spec
    try {
      spec = await loadSpec(option.api)
    } catch (error) {
      throw new ProxySetupError(error instanceof Error ? error.message : String(error))
    }
    const api = option.api.replace(/^.*\//, '').replace(/\.(ya?ml|json)$/, '')
    targets.push({ api, base, spec, matcher: new OperationMatcher(spec.operations), mount: prefixed ? `/${api}` : '' })
  }
  return targets
}
