export { setupMockdeskWorker, type MockdeskWorker, type SetupMockdeskWorkerOptions } from './setup-worker.ts'
export { apis, apiIds, type ApiId } from '../apis/select-apis.ts'
