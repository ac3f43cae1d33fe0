/**
 * Reads `mockdesk.config.json` (or a `.js`/`.mjs` module whose default export is the config) and
 * validates it: a file that does not parse, or a value the schema refuses, is a kit error that
 * names the file, the path of each bad value and why.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser'
import type { MockdeskConfig } from '../config/mockdesk-config.ts'
import { validateConfig } from '../config/validate-config.ts'
import { KitError } from '../core/kit-error.ts'

export const defaultConfigFile = 'mockdesk.config.json'

export async function readConfigFile(file: string): Promise<MockdeskConfig> {
  const absolute = path.resolve(file)
  if (/\.m?js$/.test(file)) {
    const module = (await import(`${pathToFileURL(absolute).href}?t=${Date.now()}`)) as { default?: unknown }
    return validateConfig(module.default, file)
  }
  let text: string
  try {
    text = await readFile(absolute, 'utf8')
  } catch (error) {
    throw new KitError('MOCKDESK_BAD_CONFIG', `Cannot read the config file ${file}: ${(error as Error).message}`, `Check the path given to --config (relative to ${process.cwd()}).`)
  }
  const errors: ParseError[] = []
  const value = parse(text, errors, { allowTrailingComma: false, disallowComments: true })
  if (errors.length > 0) {
    const first = errors[0]!
    const before = text.slice(0, first.offset)
    const line = before.split('\n').length
    const column = first.offset - before.lastIndexOf('\n')
    throw new KitError('MOCKDESK_BAD_CONFIG', `${file} is not valid JSON: ${printParseErrorCode(first.error)} at line ${line}, column ${column}.`, 'Fix the JSON syntax there (no comments or trailing commas).')
  }
  return validateConfig(value, file)
}
