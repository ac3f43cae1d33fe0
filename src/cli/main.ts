/** `mockdesk <command>`: dispatches to one file per command and prints usage on bad input. */
import { contract } from './contract.ts'
import { init } from './init.ts'
import { list } from './list.ts'
import { serve } from './serve.ts'
import { UsageError } from './usage-error.ts'

const commands: Record<string, { summary: string; run: (args: string[]) => Promise<number> }> = {
  serve: { summary: 'Serve the mock APIs over HTTP (default 127.0.0.1:4010).', run: serve },
  contract: { summary: 'Check a server, real or mock, against an API spec (for CI).', run: contract },
  list: { summary: 'List the APIs, their base paths, auth and the keys the mock accepts.', run: list },
  // Imported when it runs: the other commands never load the proxy.
  proxy: { summary: 'Forward to the real vendor, checking traffic both ways against the spec; drift report.', run: async (args) => (await import('./proxy.ts')).proxy(args) },
  init: { summary: 'Write mockServiceWorker.js into a public folder, for mockdesk/browser.', run: init },
}

export const usage = `Usage: mockdesk <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(10)}${command.summary}`)
  .join('\n')}

Run "mockdesk <command> --help" for a command's options.`

const [name, ...args] = process.argv.slice(2)
const command = name ? commands[name] : undefined
if (!name || name === '--help' || name === '-h' || name === 'help') {
  console.log(usage)
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
