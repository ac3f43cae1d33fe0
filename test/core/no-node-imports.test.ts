import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : [],
  )

it('keeps src/core, src/apis and src/generated free of node: imports, so the browser can load them', () => {
  const offenders = ['src/core', 'src/apis', 'src/generated']
    .flatMap(walk)
    .filter((file) => /from ['"](node:|fs|path|http|net|os|url)['"/]/.test(readFileSync(file, 'utf8')))
  expect(offenders).toEqual([])
})
