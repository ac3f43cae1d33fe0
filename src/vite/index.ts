export { mockdeskWorker, type MockdeskWorkerPlugin, type DevServerLike } from './worker-plugin.ts'
