/** A request body as the browser sends it for the operation's media type (JSON, form, multipart). */
const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value))

export function encodeBody(mediaType: string, value: unknown): { body: BodyInit; headers: Record<string, string> } {
  const fields = Object.entries((value ?? {}) as Record<string, unknown>).filter(([, v]) => v !== undefined)
  if (mediaType === 'multipart/form-data') {
    const form = new FormData()
    for (const [name, v] of fields) form.append(name, text(v))
    // No content-type: the browser writes it with the multipart boundary.
    return { body: form, headers: {} }
  }
  if (mediaType === 'application/x-www-form-urlencoded') {
    return { body: new URLSearchParams(fields.map(([name, v]) => [name, text(v)])), headers: { 'content-type': mediaType } }
  }
  return { body: JSON.stringify(value), headers: { 'content-type': mediaType } }
}
