/** `mockdesk contract <api>`: checks a server, real or mock, against the API's spec. */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import {
  checkNames,
  CredentialsFileError,
  jsonReport,
  junitReport,
  knownApis,
  parseCredentialsFile,
  parseShard,
  PreflightError,
  runAll,
  runContract,
  specPath,
  textReport,
  type CheckName,
  type ContractReport,
  type Credentials,
  type NamedCredentials,
} from '../contract/index.ts'
import { integerOption, parseOptions, UsageError } from './usage-error.ts'

/** Exit codes, documented in the usage and the README. */
export const exitCodes = { passed: 0, failed: 1, usage: 2, unreachable: 3, unknownPaths: 4 } as const

const usage = `Usage: mockdesk contract <api|spec.yaml> --base-url <url> [options]
       mockdesk contract --all --base-url <server root> [options]

Checks the server at <url> against specs/<api>.yaml (or the OpenAPI file given): valid
requests, requests without and with wrong credentials, credentials without the scopes an
operation needs, invalid input, create → read → update → read → delete → read lifecycles, and
full pagination walks.

Options:
  --base-url <url>        The API's base URL, e.g. http://127.0.0.1:4010/toptickets/v1 (required);
                          with --all, the server's root: each API is checked under /<id>/<path>
  --all                   Check every API mockdesk has a spec for, in one run and one report
  --token <token>         Bearer token (also $MOCKDESK_TOKEN)
  --api-key <key>         API key, sent where the spec says (also $MOCKDESK_API_KEY)
  --basic <user:pass>     HTTP Basic credentials (also $MOCKDESK_BASIC)
  --credentials <file>    Named credentials with their scopes, per API (values "$VAR" read the
                          environment); the first one of an API is used for every request
  --show-secrets          Print credentials in repro curls (default: masked, or $VARIABLE)
  --check <name>          Run only this check (repeatable)
  --exclude-check <name>  Skip this check (repeatable)
  --seed <n>              Seed for generated values (default 1): fixes the shape of the requests
  --examples <n>          Generative phase: n examples per read generated from its schemas and n
                          random create/read/update/delete sequences per create, each failure
                          shrunk to the smallest that still fails (default 5; 0 turns it off)
  --run-id <id>           Keeps unique values (e-mails, x-unique fields) apart from other runs
                          (default: new per run); the same seed and run id repeat a run exactly
  --shard <i/n>           Judge only the i-th of n deterministic parts of the operations
  --read-only             Send only GET, HEAD and OPTIONS requests (for production servers)
  --rate <n>              At most n requests per second
  --report <file>         Write a JUnit XML report (folders are created)
  --json <file>           Write a JSON report (schema: src/contract/report/report-schema.json)
  --quiet                 No progress lines
  -h, --help              Show this help

Exit codes: 0 every check passed; 1 a check failed; 2 bad options or configuration (unknown
API, missing spec, unwritable report path, bad credentials file); 3 the base URL cannot be
reached; 4 the base URL answers nothing the spec documents (a missing path prefix?).

Checks: ${checkNames.join(', ')}`

/** A report path that can be written: its folder is created now, so a long run never ends in ENOENT. */
function reportPath(file: string | undefined, option: string): string | undefined {
  if (file === undefined) return undefined
  const path = resolve(file)
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`--${option} ${file} is a folder; name a file in it.`, usage)
  try {
    mkdirSync(dirname(path), { recursive: true })
  } catch (error) {
    throw new UsageError(`--${option} ${file}: cannot create its folder (${error instanceof Error ? error.message : error}).`, usage)
  }
  return path
}

/** Credentials from the options and the environment; curls show the environment's as $VARIABLE. */
function givenCredentials(options: { token?: string; 'api-key'?: string; basic?: string }): Credentials {
  const credentials: Credentials = { from: {} }
  const pick = (kind: 'token' | 'apiKey' | 'basic', flag: string | undefined, variable: string) => {
    if (flag) credentials[kind] = flag
    else if (process.env[variable]) {
      credentials[kind] = process.env[variable]
      credentials.from![kind] = variable
    }
  }
  pick('token', options.token, 'MOCKDESK_TOKEN')
  pick('apiKey', options['api-key'], 'MOCKDESK_API_KEY')
  pick('basic', options.basic, 'MOCKDESK_BASIC')
  return credentials
}

const anyCredentials = (credentials: Credentials) => Boolean(credentials.token || credentials.apiKey || credentials.basic)

export async function contract(args: string[]): Promise<number> {
  const api = args[0]?.startsWith('-') ? undefined : args[0]
  const rest = api === undefined ? args : args.slice(1)
  const options = parseOptions(
    rest,
    {
      'base-url': { type: 'string' },
      all: { type: 'boolean' },
      token: { type: 'string' },
      'api-key': { type: 'string' },
      basic: { type: 'string' },
      credentials: { type: 'string' },
      'show-secrets': { type: 'boolean' },
      check: { type: 'string', multiple: true },
      'exclude-check': { type: 'string', multiple: true },
      seed: { type: 'string' },
      examples: { type: 'string' },
      'run-id': { type: 'string' },
      shard: { type: 'string' },
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
    return exitCodes.passed
  }
  if (!api && !options.all) throw new UsageError('name the API (e.g. toptickets) or a spec file, or pass --all.', usage)
  if (api && options.all) throw new UsageError(`name one API or pass --all, not both (got "${api}" and --all).`, usage)
  if (api) {
    try {
      specPath(api)
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error), usage)
    }
    if (!existsSync(specPath(api))) throw new UsageError(`the spec file ${api} does not exist.`, usage)
  }
  const baseUrl = options['base-url']
  if (!baseUrl) throw new UsageError('--base-url is required.', usage)
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) throw new UsageError(`--base-url "${baseUrl}" is not an http(s) URL.`, usage)
  for (const name of [...(options.check ?? []), ...(options['exclude-check'] ?? [])]) {
    if (!checkNames.includes(name as CheckName)) throw new UsageError(`"${name}" is not a check.`, usage)
  }
  const shard = options.shard === undefined ? undefined : parseShard(options.shard)
  if (options.shard !== undefined && !shard) throw new UsageError(`--shard must be i/n with 1 ≤ i ≤ n, got "${options.shard}".`, usage)
  if (options['run-id'] !== undefined && !/^[a-z0-9]{1,16}$/.test(options['run-id'])) throw new UsageError('--run-id must be 1 to 16 lowercase letters and digits.', usage)
  const junitFile = reportPath(options.report, 'report')
  const jsonFile = reportPath(options.json, 'json')

  const ids = options.all ? knownApis() : [api!]
  const given = givenCredentials(options)
  let fromFile: Record<string, NamedCredentials[]> = {}
  if (options.credentials) {
    let text: string
    try {
      text = readFileSync(options.credentials, 'utf8')
    } catch (error) {
      throw new UsageError(`--credentials ${options.credentials} cannot be read (${error instanceof Error ? error.message : error}).`, usage)
    }
    try {
      fromFile = parseCredentialsFile(text, options.credentials, ids.length === 1 ? ids[0]! : '', process.env)
    } catch (error) {
      if (error instanceof CredentialsFileError) throw new UsageError(error.message, usage)
      throw error
    }
    const unknown = Object.keys(fromFile).filter((id) => !ids.includes(id))
    if (unknown.length > 0) throw new UsageError(`--credentials names ${unknown.join(', ')}, which this run does not check (${ids.join(', ')}).`, usage)
  }
  // Flags and MOCKDESK_* apply to a single API; with --all, only the file can tell APIs apart.
  const credentialsOf = (id: string): Credentials => (anyCredentials(given) && !options.all ? given : (fromFile[id]?.[0] ?? (options.all ? {} : given)))
  const missing = ids.filter((id) => !anyCredentials(credentialsOf(id)))
  if (missing.length > 0) {
    console.error(
      `mockdesk contract: warning: no credentials for ${missing.join(', ')}; operations that need them are only checked for refusals. ` +
        (options.all ? 'With --all, give them per API with --credentials.' : 'Pass --token, --api-key, --basic or --credentials, or set MOCKDESK_TOKEN, MOCKDESK_API_KEY or MOCKDESK_BASIC.'),
    )
  }

  const common = {
    checks: options.check as CheckName[] | undefined,
    excludeChecks: options['exclude-check'] as CheckName[] | undefined,
    seed: integerOption(options.seed, 'seed', usage),
    examples: integerOption(options.examples, 'examples', usage),
    runId: options['run-id'],
    readOnly: options['read-only'],
    rate: integerOption(options.rate, 'rate', usage),
    shard,
    showSecrets: options['show-secrets'],
    progress: options.quiet ? undefined : (line: string) => console.error(`· ${line}`),
  }
  let reports: ContractReport[]
  try {
    reports = options.all
      ? await runAll({
          ...common,
          baseUrl,
          apis: ids,
          credentials: Object.fromEntries(ids.map((id) => [id, credentialsOf(id)])),
          roles: Object.fromEntries(ids.map((id) => [id, fromFile[id]])),
        })
      : [await runContract({ ...common, api: api!, baseUrl, credentials: credentialsOf(api!), roles: fromFile[api!] })]
  } catch (error) {
    if (!(error instanceof PreflightError)) throw error
    console.error(`mockdesk contract: ${error.message}`)
    return error.problem === 'unreachable' ? exitCodes.unreachable : exitCodes.unknownPaths
  }
  const report = reports.length === 1 && !options.all ? reports[0]! : reports
  console.log(textReport(report))
  if (junitFile) await writeFile(junitFile, junitReport(report))
  if (jsonFile) await writeFile(jsonFile, jsonReport(report))
  return reports.some((r) => r.failures.length > 0) ? exitCodes.failed : exitCodes.passed
}
