/**
 * The JSON Schema of `mockdesk.config.json`, built from the APIs and their operations so that no
 * list is kept by hand: `npm run generate` writes it to src/config/mockdesk.config.schema.json
 * (published in the package, for editors: `"$schema": "./node_modules/mockdesk/src/config/mockdesk.config.schema.json"`),
 * and the runtimes validate with the same object built from the live registry.
 */
export interface ApiOperations {
  id: string
  operationIds: string[]
}

const rate = {
  description: 'A share of requests: 0.05 or "5%".',
  anyOf: [
    { type: 'number', minimum: 0, maximum: 1 },
    { type: 'string', pattern: '^\\s*(100(\\.0+)?|\\d{1,2}(\\.\\d+)?)\\s*%\\s*$' },
  ],
}

const latency = {
  description: 'Milliseconds: 200, a range "200-800", or { "min": 200, "max": 800 } (each request picks a seeded value in the range).',
  anyOf: [
    { type: 'number', minimum: 0 },
    { type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?\\s*(-\\s*\\d+(\\.\\d+)?\\s*)?(ms)?\\s*$' },
    { type: 'object', properties: { min: { type: 'number', minimum: 0 }, max: { type: 'number', minimum: 0 } }, required: ['min', 'max'], additionalProperties: false },
  ],
}

const faultRate = (what: string) => ({ ...rate, description: `${what} At a rate: 0.05 or "5%" of requests.` })

const faults = {
  description: 'Faults injected at a seeded rate (never by default); see the README, "Simulate the real world".',
  type: 'object',
  properties: {
    reset: faultRate('Connection reset before any answer (HTTP server: a TCP RST; in msw: a network error).'),
    empty: faultRate('Connection closed without any answer.'),
    truncated: faultRate('Headers and half the body, then the connection closes.'),
    malformed: faultRate('A complete answer whose JSON body is broken.'),
    hang: faultRate('No answer for hangMs, then the connection closes.'),
    error: {
      description: "The operation's documented 5xx or 429 answer: a rate, or { rate, burst } for bursts of consecutive errors.",
      anyOf: [rate, { type: 'object', properties: { rate, burst: { type: 'integer', minimum: 1 } }, required: ['rate'], additionalProperties: false }],
    },
    hangMs: { type: 'integer', minimum: 0, description: 'How long a hang lasts before the connection closes (default 30000).' },
  },
  additionalProperties: false,
}

const rateLimits = {
  description: "The vendor's documented rate limits per key: true, false, or { limit, window } to replace the vendor's numbers (e.g. a 1-second window in tests).",
  anyOf: [
    { type: 'boolean' },
    { type: 'object', properties: { limit: { type: 'integer', minimum: 1 }, window: { type: 'number', exclusiveMinimum: 0, description: 'Seconds.' } }, additionalProperties: false },
  ],
}

// Shared definitions, referenced rather than repeated: ajv then compiles each once.
const ref = (name: string) => ({ $ref: `#/$defs/${name}` })
const operationBehaviour = { latency: ref('latency'), faults: ref('faults') }

export function configSchema(apis: readonly ApiOperations[]) {
  const ids = apis.map((api) => api.id)
  const apiBehaviour = Object.fromEntries(
    apis.map((api) => [
      api.id,
      {
        type: 'object',
        description: `Mount ${api.id}, with its own behaviour if given.`,
        properties: {
          ...operationBehaviour,
          rateLimits: ref('rateLimits'),
          operations: {
            type: 'object',
            description: 'Behaviour per operation, by operationId (`mockdesk list` prints them).',
            propertyNames: { enum: api.operationIds },
            additionalProperties: ref('operationBehaviour'),
          },
        },
        additionalProperties: false,
      },
    ]),
  )
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/mockdesk/mockdesk/src/config/mockdesk.config.schema.json',
    title: 'mockdesk.config.json',
    description: 'One configuration for `mockdesk serve --config`, setupMockdesk({ config }) and setupMockdeskWorker({ config }).',
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      apis: {
        description: 'The APIs to mount (default: all): a list of ids, or an object by id with per-API behaviour.',
        anyOf: [
          { type: 'array', items: { enum: ids }, uniqueItems: true },
          { type: 'object', properties: apiBehaviour, additionalProperties: false },
        ],
      },
      seed: { type: 'integer', minimum: 0, description: 'Seed of the data, and of the latency and fault choices (default 42).' },
      count: { type: 'integer', minimum: 0, description: "Primary records per API (default: each API's own)." },
      ...operationBehaviour,
      rateLimits: ref('rateLimits'),
      logging: {
        type: 'object',
        description: 'Request logs of `mockdesk serve`.',
        properties: {
          format: { enum: ['text', 'json'], description: 'One line per request: text for people (default), json for machines.' },
          quiet: { type: 'boolean', description: 'No request lines.' },
        },
        additionalProperties: false,
      },
      maxBodyBytes: { type: 'integer', minimum: 1, description: 'Largest request body accepted (default 1048576).' },
      sessions: { type: 'object', description: 'Sessions and their worlds (see the README).' },
    },
    additionalProperties: false,
    $defs: {
      latency,
      faults,
      rateLimits,
      operationBehaviour: { type: 'object', properties: operationBehaviour, additionalProperties: false },
    },
  }
}
