export { setupMockdeskWorker, type MockdeskWorker, type SetupMockdeskWorkerOptions } from './setup-worker.ts'
export type { PersistOptions } from './persisted-state.ts'
export { apis, apiIds, type ApiId } from '../apis/select-apis.ts'
