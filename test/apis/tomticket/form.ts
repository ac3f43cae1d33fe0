/**
 * Form bodies for host.request, which sends strings as they are: a multipart body serialized by
 * fetch itself (so the boundary is real), or a urlencoded one.
 */
export type Fields = Record<string, string | string[]>

const entries = (fields: Fields) => Object.entries(fields).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => [name, v] as const))

export async function multipart(fields: Fields): Promise<{ body: string; headers: Record<string, string> }> {
  const form = new FormData()
  for (const [name, value] of entries(fields)) form.append(name, value)
  const request = new Request('http://form.test/', { method: 'POST', body: form })
  return { body: await request.text(), headers: { 'content-type': request.headers.get('content-type')! } }
}

export function urlencoded(fields: Fields): { body: string; headers: Record<string, string> } {
  return {
    body: new URLSearchParams(entries(fields) as Array<[string, string]>).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  }
}
