import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const bundle = (entry: string, platform: 'browser' | 'node') =>
  build({ entryPoints: [entry], bundle: true, write: false, platform, format: 'esm', logLevel: 'silent', conditions: ['mockdesk-source', platform] })

describe('browser entry', () => {
  it('bundles for the browser without any Node built-in', async () => {
    const result = await bundle('src/browser/index.ts', 'browser')
    expect(result.errors).toEqual([])
    expect(result.outputFiles[0]!.text).not.toMatch(/from ["']node:/)
  }, 60_000)

  it('fails to build for the browser when shared code imports node:', async () => {
    // Proof that the check above can fail: the Node entry pulls node:net and must not bundle.
    await expect(bundle('src/node/index.ts', 'browser')).rejects.toThrow(/node:/)
  }, 60_000)

  it('the package export map keeps each entry out of the other environment', async () => {
    const { default: pkg } = await import('../../package.json', { with: { type: 'json' } })
    expect(pkg.exports['./node']).toMatchObject({ browser: null })
    expect(pkg.exports['./browser']).toMatchObject({ node: null })
  })
})
