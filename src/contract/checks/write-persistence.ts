/**
 * After a create or update, its answer and a later read of the record must show every field that
 * was sent: a field silently dropped, stored differently, or not persisted fails, named. Where a
 * response carries the field is found by name (the same path first: `data.attributes.email`);
 * a field the response neither has nor documents is not judged (servers may answer less), nor one
 * whose documented response values exclude what was sent (a JSON:API `type` the server renames).
 * A response whose schema documents fewer than half the fields sent is not the record (a status
 * message) and is not judged. Normalisation the spec states in `x-normalise` (`trim`,
 * `lowercase`, `empty-to-null`, on the field or an enclosing object) is applied to the value sent
 * before comparing; timestamps compare as instants (whatever form each is written in), decimals the spec lets travel as numbers or
 * strings by value, and values sent as form text as text.
 */
import type { Schema } from '../spec.ts'
import type { WrittenField } from '../values/written-fields.ts'
import type { Check } from './check.ts'
import { documentedResponse, mediaTypeOf } from './documented-response.ts'

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Where a field shows in a body: the same path if present, else the shallowest key of that name. */
function find(body: unknown, path: string[]): { found: boolean; value?: unknown; at?: string } {
  let current: unknown = body
  for (const key of path) current = isObject(current) && key in current ? current[key] : undefined
  if (current !== undefined) return { found: true, value: current, at: path.join('.') }
  const name = path.at(-1)!
  let level: Array<[unknown, string[]]> = [[body, []]]
  for (let depth = 0; depth < 5 && level.length > 0; depth++) {
    const next: Array<[unknown, string[]]> = []
    for (const [value, at] of level) {
      if (!isObject(value)) continue
      if (name in value && value[name] !== undefined) return { found: true, value: value[name], at: [...at, name].join('.') }
      for (const [key, child] of Object.entries(value)) next.push([child, [...at, key]])
    }
    level = next
  }
  return { found: false }
}

/** The schema a response documents for a property name, anywhere in it (so a body without it has dropped it). */
function declared(schema: Schema | undefined, name: string, seen = new Set<Schema>()): Schema | undefined {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return undefined
  seen.add(schema)
  if (schema.properties && name in schema.properties) return schema.properties[name]
  for (const part of [...Object.values<Schema>(schema.properties ?? {}), ...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) {
    const found = declared(part, name, seen)
    if (found) return found
  }
  return undefined
}

/** Whether the response documents values for the field that exclude the one sent. */
function excludes(documented: Schema | undefined, value: unknown): boolean {
  if (!documented) return false
  if (documented.const !== undefined) return documented.const !== value
  return Array.isArray(documented.enum) && !documented.enum.includes(value)
}

/**
 * A timestamp's instant, in any of the forms servers write one (`2025-01-01T00:00:00Z`, an
 * offset, `2025-01-01 00:00:00`, a date alone): no zone is read as UTC, not as the machine's.
 */
function instant(value: string): number | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?$/i.exec(value)
  if (!match) return undefined
  const [, date, time = '00:00:00', zone = 'Z'] = match
  const parsed = Date.parse(`${date}T${time}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone.toUpperCase()}`)
  return Number.isNaN(parsed) ? undefined : parsed
}

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value))

function same(field: WrittenField, received: unknown, textual: boolean): boolean {
  const { normalise } = field
  let sent = field.value
  if (typeof field.value === 'string') {
    const trimmed = normalise.includes('trim') ? field.value.trim() : field.value
    sent = normalise.includes('lowercase') ? trimmed.toLowerCase() : trimmed
    if (sent === '' && normalise.includes('empty-to-null')) sent = null
  }
  if (JSON.stringify(sent) === JSON.stringify(received)) return true
  if (typeof sent === 'string' && typeof received === 'string' && instant(sent) !== undefined) return instant(sent) === instant(received)
  if (typeof received === 'number' && sent !== '' && Number(sent) === received) return true
  // A decimal the spec lets travel as a number or a string (`"50000.00"`) compares by value.
  const numeric = [field.schema.type].flat().includes('number')
  if (numeric && typeof received === 'string' && received !== '' && sent !== '' && Number(received) === Number(sent)) return true
  if (typeof received === 'boolean' && (typeof sent === 'string' || typeof sent === 'number')) return (received ? ['1', 'true'] : ['0', 'false']).includes(String(sent))
  return textual && text(sent) === text(received)
}

export const writePersistence: Check = ({ written, response, operation }) => {
  if (!written || response.status < 200 || response.status >= 300 || response.json === undefined) return undefined
  const schema = documentedResponse(operation, response.status)?.content?.[mediaTypeOf(response.headers)]?.schema
  const documentedAs = (field: WrittenField) => declared(schema, field.path.at(-1)!)
  if (schema && written.fields.filter(documentedAs).length * 2 < written.fields.length) return undefined
  const failures: NonNullable<ReturnType<Check>> = []
  for (const field of written.fields) {
    const name = field.path.join('.')
    const shown = find(response.json, field.path)
    if (excludes(documentedAs(field), field.value)) continue
    if (!shown.found) {
      if (documentedAs(field)) {
        failures.push({ title: `Field ${name} sent by the ${written.by} is missing`, received: `no ${field.path.at(-1)} in the body`, documented: `${name} = ${text(field.value)}`, severity: 'high' })
      }
      continue
    }
    if (!same(field, shown.value, written.textual)) {
      failures.push({ title: `Field ${name} sent by the ${written.by} is not what was sent`, received: `${shown.at} = ${text(shown.value)}`, documented: `${name} = ${text(field.value)}`, severity: 'high' })
    }
  }
  return failures
}
