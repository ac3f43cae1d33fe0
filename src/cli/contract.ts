/** `mockdesk contract <api>`: checks a server, real or mock, against the API's spec. */
import { writeFile } from 'node:fs/promises'
import { checkNames, jsonReport, junitReport, runContract, textReport, type CheckName } from '../contract/index.ts'
import { integerOption, parseOptions, UsageError } from './usage-error.ts'

const usage = `Usage: mockdesk contract <api|spec.yaml> --base-url <url> [options]

Checks the server at <url> against specs/<api>.yaml (or the OpenAPI file given): valid
requests, requests without and with wrong credentials, invalid input, create → read → update →
read → delete → read lifecycles, and full pagination walks. Exit code 1 when a check fails.

Options:
  --base-url <url>        The API's base URL, e.g. http://127.0.0.1:4010/toptickets/v1 (required)
  --token <token>         Bearer token (also $MOCKDESK_TOKEN)
  --api-key <key>         API key, sent where the spec says (also $MOCKDESK_API_KEY)
  --basic <user:pass>     HTTP Basic credentials (also $MOCKDESK_BASIC)
  --check <name>          Run only this check (repeatable)
  --exclude-check <name>  Skip this check (repeatable)
  --seed <n>              Seed for generated values (default 1): the same seed sends the same requests
  --read-only             Send only GET, HEAD and OPTIONS requests (for production servers)
  --rate <n>              At most n requests per second
  --report <file>         Write a JUnit XML report
  --json <file>           Write a JSON report (schema: src/contract/report/report-schema.json)
  --quiet                 No progress lines
  -h, --help              Show this help

Checks: ${checkNames.join(', ')}`

export async function contract(args: string[]): Promise<number> {
  const api = args[0]?.startsWith('-') ? undefined : args[0]
  const rest = api === undefined ? args : args.slice(1)
  const options = parseOptions(
    rest,
    {
      'base-url': { type: 'string' },
      token: { type: 'string' },
      'api-key': { type: 'string' },
      basic: { type: 'string' },
      check: { type: 'string', multiple: true },
      'exclude-check': { type: 'string', multiple: true },
      seed: { type: 'string' },
      'read-only': { type: 'boolean' },
      rate: { type: 'string' },
      report: { type: 'string' },
      json: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    usage,
  )
  if (options.help) {
    console.log(usage)
    return 0
  }
  if (!api) throw new UsageError('name the API (e.g. toptickets) or a spec file.', usage)
  const baseUrl = options['base-url']
  if (!baseUrl) throw new UsageError('--base-url is required.', usage)
  if (!URL.canParse(baseUrl)) throw new UsageError(`--base-url "${baseUrl}" is not a URL.`, usage)
  for (const name of [...(options.check ?? []), ...(options['exclude-check'] ?? [])]) {
    if (!checkNames.includes(name as CheckName)) throw new UsageError(`"${name}" is not a check.`, usage)
  }

  const report = await runContract({
    api,
    baseUrl,
    credentials: {
      token: options.token ?? process.env.MOCKDESK_TOKEN,
      apiKey: options['api-key'] ?? process.env.MOCKDESK_API_KEY,
      basic: options.basic ?? process.env.MOCKDESK_BASIC,
    },
    checks: options.check as CheckName[] | undefined,
    excludeChecks: options['exclude-check'] as CheckName[] | undefined,
    seed: integerOption(options.seed, 'seed', usage),
    readOnly: options['read-only'],
    rate: integerOption(options.rate, 'rate', usage),
    progress: options.quiet ? undefined : (line) => console.error(`· ${line}`),
  })
  console.log(textReport(report))
  if (options.report) await writeFile(options.report, junitReport(report))
  if (options.json) await writeFile(options.json, jsonReport(report))
  return report.failures.length > 0 ? 1 : 0
}
