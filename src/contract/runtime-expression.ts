/**
 * OpenAPI runtime expressions, as links use them to carry values from one exchange to the next:
 * `$response.body#/id`, `$request.path.customer_id`, `$request.query.page`, `$request.body#/email`,
 * `$response.header.Location`, also embedded in a string as `{$...}`. Anything else is a constant.
 */
export interface ExpressionSources {
  request: { path: Record<string, unknown>; query: Record<string, unknown>; body?: unknown; headers?: Record<string, string> }
  response: { body?: unknown; headers: Headers }
}

/** RFC 6901 JSON pointer into a value. */
export function resolvePointer(value: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return pointer === '' ? value : (value as Record<string, unknown>)?.['']
  let current = value
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

export function evaluate(expression: string, sources: ExpressionSources): unknown {
  // Expressions embedded in a string: "{$request.body#/id}" alone keeps the value's type.
  const embedded = /^\{(\$[^}]+)\}$/.exec(expression)
  if (embedded) return evaluate(embedded[1]!, sources)
  if (expression.includes('{$')) return expression.replace(/\{(\$[^}]+)\}/g, (_, inner: string) => String(evaluate(inner, sources) ?? ''))
  if (!expression.startsWith('$')) return expression
  const [source, rest = ''] = expression.split('#')
  switch (source) {
    case '$response.body':
      return resolvePointer(sources.response.body, rest)
    case '$request.body':
      return resolvePointer(sources.request.body, rest)
  }
  const match = /^\$(request|response)\.(path|query|header)\.(.+)$/.exec(expression)
  if (!match) return undefined
  const [, side, location, name] = match
  if (side === 'response') return location === 'header' ? (sources.response.headers.get(name!) ?? undefined) : undefined
  if (location === 'header') return sources.request.headers?.[name!.toLowerCase()]
  return sources.request[location as 'path' | 'query'][name!]
}
