#!/usr/bin/env node
// The `mockdesk` command.
import { loadCli } from './load-cli.js'

// `mockdesk list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

await loadCli()
