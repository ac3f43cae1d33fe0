export { setupMockdeskWorker, type MockdeskWorker, type SetupMockdeskWorkerOptions } from './setup-worker.ts'
export type { PersistOptions } from './persisted-state.ts'
export { apiIds, type ApiId } from '../apis/load-apis.ts'
