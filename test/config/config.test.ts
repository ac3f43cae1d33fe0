/**
 * The config: the published JSON Schema is today's (every API and operation named), bad values
 * are refused with their path and why, and every Node entry reads the same document (explicit
 * options win over it).
 */
import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { apiIds, apis } from '../../src/apis/select-apis.ts'
import { listOperations } from '../../src/core/openapi-document.ts'
import { configSchema, currentConfigSchema, resolveConfig, validateBehaviour, validateConfig } from '../../src/config/index.ts'
import { setupMockdesk, startMockServer } from '../../src/node/index.ts'

const problemsOf = (run: () => unknown): string[] => {
  try {
    run()
  } catch (error) {
    return (error as { details: { problems: string[] } }).details.problems
  }
  throw new Error('expected the value to be refused')
}

describe('the published schema', () => {
  it('is the one the runtimes validate with, built from every API and operation of the registry', () => {
    const published = JSON.parse(readFileSync('src/config/mockdesk.config.schema.json', 'utf8'))
    expect(currentConfigSchema()).toEqual(published)
    expect(published).toEqual(configSchema(apiIds.map((id) => ({ id, operationIds: listOperations(apis[id].document).map((op) => op.id) }))))
    expect(Object.keys(published.properties.apis.anyOf[1].properties).sort()).toEqual([...apiIds].sort())
  })

  it('is a valid JSON Schema 2020-12 document (the runtimes skip this check to start faster)', () => {
    const ajv = new Ajv2020({ strict: true })
    expect(ajv.validateSchema(currentConfigSchema()), ajv.errorsText()).toBe(true)
  })
})

describe('validation', () => {
  it('accepts a full config', () => {
    const config = {
      $schema: './node_modules/mockdesk/src/config/mockdesk.config.schema.json',
      apis: { toptickets: { latency: '100-300', operations: { createCustomer: { faults: { error: { rate: '5%', burst: 3 } } } } }, ticketsource: {} },
      seed: 7,
      count: 20,
      latency: 50,
      faults: { reset: 0.01, hang: '1%', hangMs: 5000 },
      rateLimits: true,
      logging: { format: 'json' as const, quiet: false },
      sessions: {},
    }
    expect(validateConfig(config)).toBe(config)
    expect(resolveConfig(config)).toMatchObject({
      apis: ['toptickets', 'ticketsource'],
      seed: 7,
      behaviour: { latency: 50, rateLimits: true, apis: { toptickets: { latency: '100-300' } } },
    })
  })

  it('names a typo with its path and the nearest known key', () => {
    expect(problemsOf(() => validateConfig({ rateLimit: true }))).toEqual([expect.stringContaining('rateLimit: unknown key (did you mean "rateLimits"?)')])
    expect(problemsOf(() => validateConfig({ apis: { toptickets: { operations: { getCustomers: {} } } } }))).toEqual([
      expect.stringContaining('apis.toptickets.operations.getCustomers: unknown name (did you mean "getCustomer"?)'),
    ])
    expect(problemsOf(() => validateConfig({ apis: ['toptickets', 'zendesk'] }))).toEqual([expect.stringContaining('apis.1: "zendesk" is not one of')])
  })

  it('says why a value is wrong', () => {
    const problems = problemsOf(() => validateConfig({ latency: 'slow', faults: { empty: '150%' }, logging: { format: 'xml' }, seed: 1.5 }))
    expect(problems.join('\n')).toContain('latency: "slow" is not valid here. Milliseconds')
    expect(problems.join('\n')).toContain('logging.format: "xml" is not one of "text", "json"')
    expect(problems.join('\n')).toContain('seed: 1.5 must be integer')
    expect(problems.join('\n')).toContain('faults.empty')
    // Inside the per-API object, only the bad value is named, not the whole "apis" value.
    expect(problemsOf(() => validateConfig({ apis: { toptickets: { latency: 'fast' } } }))).toEqual([expect.stringMatching(/^apis\.toptickets\.latency: "fast" is not valid here/)])
  })

  it('behaviour settings are the config\'s behaviour keys only', () => {
    expect(problemsOf(() => validateBehaviour({ seed: 1, count: 5 }))).toEqual([expect.stringContaining('count: unknown key')])
    expect(problemsOf(() => validateBehaviour({ apis: ['toptickets'] }))).toEqual([expect.stringContaining('apis: must be an object by API id')])
  })
})

describe('the runtimes read the same config', () => {
  it('setupMockdesk({ config }) mounts its APIs with its seed and behaviour; explicit options win', async () => {
    const mock = await setupMockdesk({ config: { apis: ['ticketsource'], seed: 3, count: 5, latency: 10 }, seed: 4 })
    expect(mock.mockdesk.apis.map((api) => api.definition.id)).toEqual(['ticketsource'])
    expect(mock.mockdesk.seed).toBe(4)
    expect(mock.store('ticketsource').customers.count()).toBe(5)
    expect(mock.mockdesk.behaviour.settings).toEqual({ latency: 10 })
  })

  it('a semantic mistake the schema cannot see is refused at start, with its path', async () => {
    await expect(setupMockdesk({ config: { apis: { toptickets: { latency: '900-100' } } } })).rejects.toThrow(/apis\.toptickets\.latency "900-100" is not a delay/)
    await expect(startMockServer({ port: 0, config: { faults: { reset: 0.6, empty: 0.6 } } })).rejects.toThrow(/faults add up to 120%/)
    await expect(setupMockdesk({ config: { lantency: 5 } as never })).rejects.toThrow(/lantency: unknown key/)
  })
})
