/** `mockdesk <command>`: dispatches to one file per command and prints usage on bad input. */
import packageJson from '../../package.json' with { type: 'json' }
import { UsageError } from './usage-error.ts'

// Each command is imported when it runs: `serve` never loads the contract suite, `--version` nothing.
const commands: Record<string, { summary: string; run: (args: string[]) => Promise<number> }> = {
  serve: { summary: 'Serve the mock APIs over HTTP (default 127.0.0.1:4010).', run: async (args) => (await import('./serve.ts')).serve(args) },
  contract: {
    summary: 'Check a server, real or mock, against an API spec (for CI).',
    run: async (args) => (await import('./contract.ts')).contract(args),
  },
  list: {
    summary: 'List the APIs, their base paths, auth and the keys the mock accepts.',
    run: async (args) => (await import('./list.ts')).list(args),
  },
  init: {
    summary: 'Write mockServiceWorker.js into a public folder, for mockdesk/browser.',
    run: async (args) => (await import('./init.ts')).init(args),
  },
}

export const usage = `Usage: mockdesk <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(10)}${command.summary}`)
  .join('\n')}

Run "mockdesk <command> --help" for a command's options; "mockdesk --version" prints the version.`

// `mockdesk list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

const [name, ...args] = process.argv.slice(2)
const command = name ? commands[name] : undefined
if (!name || name === '--help' || name === '-h' || name === 'help') {
  console.log(usage)
} else if (name === '--version' || name === '-v') {
  console.log(packageJson.version)
} else if (!command) {
  console.error(`mockdesk: unknown command "${name}".\n\n${usage}`)
  process.exitCode = 2
} else {
  try {
    process.exitCode = await command.run(args)
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`mockdesk ${name}: ${error.message}\n\n${error.usage}`)
      process.exitCode = 2
    } else {
      console.error(`mockdesk ${name}: ${error instanceof Error ? error.message : error}`)
      process.exitCode = 1
    }
  }
}
