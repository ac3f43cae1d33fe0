/**
 * A body as data to validate: JSON, urlencoded or multipart form (fields as text, files by name).
 * Other media types are not read (their schemas, if any, describe bytes).
 */
export type ParsedBody = { ok: true; value: unknown; textual: boolean } | { ok: false; error: string }

export async function parseBody(bytes: Uint8Array, contentType: string): Promise<ParsedBody> {
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase()
  const text = () => new TextDecoder().decode(bytes)
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
    try {
      return { ok: true, value: JSON.parse(text()), textual: false }
    } catch (error) {
      return { ok: false, error: `not JSON: ${error instanceof Error ? error.message : error}` }
    }
  }
  const fields = (entries: Iterable<[string, unknown]>) => {
    const result: Record<string, unknown> = {}
    for (const [name, value] of entries) {
      const current = result[name]
      result[name] = current === undefined ? value : [current, value].flat()
    }
    return result
  }
  if (mediaType === 'application/x-www-form-urlencoded') return { ok: true, value: fields(new URLSearchParams(text())), textual: true }
  if (mediaType === 'multipart/form-data') {
    try {
      const form = await new Response(new Uint8Array(bytes), { headers: { 'content-type': contentType } }).formData()
      return { ok: true, value: fields([...form].map(([name, value]) => [name, typeof value === 'string' ? value : `(file ${value.name})`])), textual: true }
    } catch (error) {
      return { ok: false, error: `not multipart form data: ${error instanceof Error ? error.message : error}` }
    }
  }
  return { ok: true, value: undefined, textual: false }
}
