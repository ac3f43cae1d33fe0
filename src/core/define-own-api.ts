/**
 * `defineApi` as the package root exports it, for an API of the user's own: `npm run generate`
 * never saw its spec, so its schemas are compiled on first use; importing this module installs
 * ajv's compiler for that (the built-in APIs' validators are precompiled and need none).
 */
import './runtime-schema-compiler.ts'

export { defineApi } from './define-api.ts'
