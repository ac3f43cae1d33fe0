import { describe, expect, it } from 'vitest'
import { KitError } from '../../src/core/kit-error.ts'
import { checkMswVersion, supportedMsw } from '../../src/core/msw-version.ts'

const refusal = (version: string) => {
  try {
    checkMswVersion(version, '/app/node_modules/msw')
  } catch (error) {
    return error as KitError
  }
  return undefined
}

describe('the supported msw range', () => {
  it('is the peer range package.json declares', async () => {
    const { peerDependencies } = (await import('../../package.json', { with: { type: 'json' } })).default as { peerDependencies: Record<string, string> }
    expect(peerDependencies.msw).toBe(supportedMsw.range)
  })

  it('takes its bounds and everything between', () => {
    for (const version of ['2.7.0', '2.7.3', '2.15.0', '2.99.1', '2.10.0-beta.1']) expect(refusal(version), version).toBeUndefined()
  })

  it('refuses msw 3, an older major and a 2.x below 2.7.0 with MOCKDESK_MSW_VERSION and the fix', () => {
    for (const version of ['3.0.0', '1.3.5', '2.6.9', '0.49.0']) {
      const error = refusal(version)
      expect(error, version).toBeInstanceOf(KitError)
      expect(error!.code).toBe('MOCKDESK_MSW_VERSION')
      expect(error!.message).toContain(`but this app has msw ${version} (/app/node_modules/msw)`)
      expect(error!.fix).toBe('npm install --save-dev msw@^2.7.0')
    }
    expect(refusal('2.6.9')!.message).toContain('mockdesk supports msw 2.x from 2.7.0')
  })
})
