export { configSchema } from './config-schema.ts'
export { resolveConfig, type LoggingConfig, type MockdeskConfig, type ResolvedConfig } from './mockdesk-config.ts'
export { currentConfigSchema, validateBehaviour, validateConfig } from './validate-config.ts'
