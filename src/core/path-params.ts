/**
 * The path parameters of a route's RegExp match, by name, percent-decoded; a value whose
 * encoding is broken is kept as sent, so the API's own validation answers it (never a throw).
 * Shared by the mock's route table and the proxy's operation matcher.
 */
export function pathParams(names: readonly string[], match: RegExpExecArray): Record<string, string> {
  const params: Record<string, string> = {}
  names.forEach((name, index) => {
    const raw = match[index + 1]!
    try {
      params[name] = decodeURIComponent(raw)
    } catch {
      params[name] = raw
    }
  })
  return params
}
