/** `mockdesk list`: what mockdesk serves, and how to authenticate against each API. */
import { selectApis } from '../apis/select-apis.ts'
import { documentedBaseUrl, listOperations } from '../core/openapi-document.ts'
import { parseOptions } from './usage-error.ts'

const usage = `Usage: mockdesk list [--json]

Lists every API: id, title, the vendor's base URL, the operations, the auth schemes and the keys
the mock accepts.`

export async function list(args: string[]): Promise<number> {
  const options = parseOptions(args, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, usage)
  if (options.help) {
    console.log(usage)
    return 0
  }
  const rows = selectApis().map((api) => ({
    id: api.id,
    title: api.document.info.title,
    vendorBaseUrl: documentedBaseUrl(api.document),
    operations: listOperations(api.document).map((op) => `${op.method.toUpperCase()} ${op.path}`),
    auth: Object.entries(api.document.components?.securitySchemes ?? {}).map(([name, scheme]) =>
      `${name} (${[scheme.type, scheme.scheme ?? scheme.in].filter(Boolean).join(' ')})`,
    ),
    keys: api.keys,
  }))
  if (options.json) {
    console.log(JSON.stringify(rows, null, 2))
    return 0
  }
  for (const row of rows) {
    console.log(`${row.id}: ${row.title}\n  vendor base URL: ${row.vendorBaseUrl}\n  auth: ${row.auth.join('; ')}`)
    for (const op of row.operations) console.log(`  ${op}`)
    for (const key of row.keys) console.log(`  key ${key.key}  (${key.role}) ${key.description}`)
    console.log()
  }
  return 0
}
