/* Defining an API */
export { defineApi } from './core/define-own-api.ts'
export type { ApiDefinition, RouteContext, RouteHandler, RouteTable, StoreOptions } from './core/define-api.ts'
export type { RequestIssue } from './core/request-issue.ts'

/* Running APIs in any runtime */
export { createMockdesk, type Mockdesk, type MockdeskOptions, type MountedApi } from './core/mockdesk.ts'
export { createFetchApp, type FetchApp } from './core/fetch-app.ts'
export { KitError, type KitErrorCode } from './core/kit-error.ts'

/* The APIs */
export { apis, apiIds, selectApis, type ApiId } from './apis/select-apis.ts'
