/**
 * What `setupMockdesk`, `setupMockdeskWorker` and `startMockServer` do with a `config`: validate
 * it, then fill each option the caller did not give from it (an explicit option wins), and check
 * every later behaviour change with the same schema.
 */
import type { ApiId } from '../apis/select-apis.ts'
import type { BehaviourSettings } from '../core/behaviour/behaviour-settings.ts'
import { resolveConfig, type MockdeskConfig } from './mockdesk-config.ts'
import { validateBehaviour, validateConfig } from './validate-config.ts'

export interface ConfigurableOptions {
  apis?: readonly ApiId[]
  seed?: number
  count?: number
  maxBodyBytes?: number
  behaviour?: BehaviourSettings
  /** A `mockdesk.config.json` document (already parsed), validated against its schema. */
  config?: MockdeskConfig
}

export function withConfig<Options extends ConfigurableOptions>(options: Options, source = 'the config') {
  const config = options.config === undefined ? undefined : resolveConfig(validateConfig(options.config, source))
  return {
    ...options,
    apis: options.apis ?? config?.apis,
    seed: options.seed ?? config?.seed,
    count: options.count ?? config?.count,
    maxBodyBytes: options.maxBodyBytes ?? config?.maxBodyBytes,
    behaviour: options.behaviour ?? config?.behaviour,
    validateBehaviour: (settings: unknown) => validateBehaviour(settings, 'the behaviour settings'),
  }
}
