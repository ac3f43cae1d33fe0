#!/usr/bin/env node
// The `mockdesk` command. The sources are TypeScript; tsx compiles them as they load.
import { register } from 'tsx/esm/api'

// `mockdesk list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

register()
await import('./main.ts')
