#!/usr/bin/env node
// The `mockdesk` command inside a checkout (`npm start`): starts from a bundle of the sources,
// rebuilt when they change. The published package runs dist/cli.mjs, built at pack time.
import { loadCli } from './load-cli.js'

await loadCli()
