// mockdesk.setup.ts (vitest globalSetup: one server for every worker)
import type { TestProject } from 'vitest/node'
import { startMockServer } from 'mockdesk/node'

export default async function setup(project: TestProject) {
  const server = await startMockServer({ port: 0 })
  project.provide('mockdeskUrl', server.url)
  return () => server.close()
}

declare module 'vitest' {
  export interface ProvidedContext {
    mockdeskUrl: string
  }
}
