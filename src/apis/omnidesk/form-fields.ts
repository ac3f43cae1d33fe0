/**
 * The fields of Omnidesk forms that are named by pattern rather than listed: custom customer
 * fields (`custom_<name>`) and channel pairs (`customerChannelType_N` with
 * `customerChannelValue_N`). The spec checks each value; what it cannot say (that a custom field
 * exists, that the two halves of a pair are both there) is checked here.
 */
import customFieldNames from '../../../fixtures/omnidesk/custom-fields.json'
import { channelNameOf, type ChannelRequest } from './channels.ts'
import { refuse } from './errors.ts'

/** A form's declared fields, without the index signature its pattern-named fields add to its type. */
export type Declared<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] }

const configured = new Set(customFieldNames)

/** `custom_<name>` fields as `{name: value}`; a name the account has not configured is refused. */
export function customFieldsOf(form: object): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const [key, value] of Object.entries(form)) {
    const name = /^custom_(.+)$/.exec(key)?.[1]
    if (name === undefined) continue
    if (!configured.has(name)) {
      refuse(`The custom field ${name} does not exist. Custom customer fields of this account: ${customFieldNames.join(', ')}.`)
    }
    fields[name] = String(value)
  }
  return fields
}

/** `customerChannelType_N` / `customerChannelValue_N` pairs, in the order of N. */
export function channelPairsOf(form: object): ChannelRequest[] {
  const types = new Map<number, string>()
  const values = new Map<number, string>()
  for (const [key, value] of Object.entries(form)) {
    const match = /^customerChannel(Type|Value)_(\d+)$/.exec(key)
    if (match) (match[1] === 'Type' ? types : values).set(Number(match[2]), String(value))
  }
  const numbers = [...new Set([...types.keys(), ...values.keys()])].sort((a, b) => a - b)
  return numbers.map((n) => {
    const type = types.get(n)
    const address = values.get(n)
    if (type === undefined) refuse(`Parameter customerChannelType_${n} is required when customerChannelValue_${n} is set.`)
    if (address === undefined) refuse(`Parameter customerChannelValue_${n} is required when customerChannelType_${n} is set.`)
    return { name: channelNameOf(type, `customerChannelType_${n}`), address, field: `customerChannelValue_${n}` }
  })
}
