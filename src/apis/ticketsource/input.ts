/**
 * What Laravel's default global middleware does to input before any rule sees it: TrimStrings,
 * then ConvertEmptyStringsToNull. That is why the docs' create sample sends `title: ''` and gets
 * `title: null` back, and why a blank required field is "required", not "too short".
 */
const edges = /^[\s\uFEFF\u200B]+|[\s\uFEFF\u200B]+$/g

export function prepareBody(value: unknown): unknown {
  if (typeof value === 'string') {
    const trimmed = value.replace(edges, '')
    return trimmed === '' ? null : trimmed
  }
  if (Array.isArray(value)) return value.map(prepareBody)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, field]) => [name, prepareBody(field)]))
  }
  return value
}
