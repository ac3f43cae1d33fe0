import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'

const readme = readFileSync('README.md', 'utf8')

it('node-example.test.ts is the README Node example, verbatim', () => {
  const snippet = /```ts\n\/\/ customers\.test\.ts \(vitest\)\n([\s\S]*?)```/.exec(readme)?.[1]
  const example = readFileSync('test/readme/node-example.test.ts', 'utf8').split('\n').slice(1).join('\n')
  expect(snippet).toBeDefined()
  expect(example).toBe(snippet)
})

it('lists every key the mock accepts', async () => {
  const { apis } = await import('../../src/apis/select-apis.ts')
  for (const api of Object.values(apis)) for (const { key } of api.keys) expect(readme).toContain(key)
})
