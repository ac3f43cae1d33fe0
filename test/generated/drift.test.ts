import { expect, it } from 'vitest'
import { staleFiles } from '../../src/codegen/generate.ts'

it('src/generated/ matches the specs', async () => {
  const stale = await staleFiles()
  expect(stale, `These generated files are stale: ${stale.join(', ')}. Run npm run generate.`).toEqual([])
}, 60_000)
