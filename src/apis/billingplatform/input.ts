/**
 * What Yii 2 does with a body before the model's rules decide (B9): its `integer` validator
 * takes a string of digits (`/^\s*[+-]?\d+\s*$/`) as the number, whether it came in a form or in
 * JSON, so `{"customerID": "123"}` is customer 123. Forms are already read as text and coerced by
 * the spec's types; this does the same for JSON bodies. Anything else is left as sent.
 */
import type { Operation, SchemaObject } from '../../core/openapi-document.ts'
import document from '../../generated/billingplatform-document.ts'

const writable = document.components!.schemas!.TicketWritable!.properties as Record<string, SchemaObject>
const integerFields = new Set(Object.keys(writable).filter((name) => writable[name]!.type === 'integer'))
const yiiInteger = /^\s*[+-]?\d+\s*$/

export function prepareBody(value: unknown, _operation: Operation): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const fields: Record<string, unknown> = { ...value }
  for (const name of integerFields) {
    const field = fields[name]
    if (typeof field === 'string' && yiiInteger.test(field)) fields[name] = Number(field)
  }
  return fields
}
