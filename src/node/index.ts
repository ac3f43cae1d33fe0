export { setupMockdesk, type MockdeskServer, type SetupMockdeskOptions } from './setup-server.ts'
export { startMockServer, defaultHost, defaultPort, type MockHttpServer, type MockHttpServerOptions } from './http-server.ts'
export { apis, apiIds, type ApiId } from '../apis/select-apis.ts'
export { mockdeskSession, type MockdeskSession, type MockdeskSessionOptions } from './test-session.ts'
