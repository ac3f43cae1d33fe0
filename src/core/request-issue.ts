/**
 * A neutral description of what is wrong with a request. The core finds issues; each API turns
 * them into its vendor's own error body (FastAPI's `detail` array, Laravel's `errors` map, ...).
 */
export type RequestLocation = 'path' | 'query' | 'header' | 'body'

export interface RequestIssue {
  in: RequestLocation
  /** Where in that location, e.g. `['email']` or `['items', 0, 'name']`; `[]` is the whole body. */
  path: Array<string | number>
  /**
   * The JSON Schema keyword that failed (`required`, `type`, `enum`, `maxLength`, `format`, ...),
   * or one of the body problems found before validation:
   * `parse` (malformed JSON or form), `mediaType` (undocumented content type), `missingBody`.
   */
  keyword: string
  /** The keyword's parameters, as ajv gives them (`limit`, `allowedValues`, `format`, ...). */
  params: Record<string, unknown>
  /** The offending value, when there is one. */
  data?: unknown
  /** A plain-English description, for APIs whose errors carry free text. */
  message: string
}

export type Segment = string | number

/** The JSON pointer `/items/0/name` as `['items', 0, 'name']`. */
export function pointerToPath(pointer: string): Segment[] {
  if (pointer === '') return []
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part))
}
