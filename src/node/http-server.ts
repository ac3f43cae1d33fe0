/**
 * The standalone HTTP server (`mockdesk serve`, `npm start`): each API under `/<id>` plus its
 * documented base path (TopTickets at `/toptickets/v1`), or one API at the root with `root`; the
 * sandbox page at `/` (wherever no API answers it).
 * Node's http is adapted to the fetch app by @hono/node-server, which does that conversion fast.
 */
import type { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import { selectApis, type ApiId } from '../apis/select-apis.ts'
import type { MockdeskConfig } from '../config/mockdesk-config.ts'
import { withConfig } from '../config/runtime-options.ts'
import { socketFaultOf } from '../core/behaviour/faults.ts'
import { createFetchApp } from '../core/fetch-app.ts'
import { createMockdesk, type Mockdesk, type MockdeskOptions } from '../core/mockdesk.ts'
import { documentedBaseUrl } from '../core/openapi-document.ts'
import { sandboxPages } from './sandbox-pages.ts'
import { actOutSocketFault, noAnswer } from './socket-faults.ts'

export interface MockHttpServerOptions extends Omit<MockdeskOptions, 'base'> {
  /** Default 127.0.0.1. */
  host?: string
  /** Default 4010; 0 picks a free port. */
  port?: number
  apis?: readonly ApiId[]
  /** Serve this one API at the root (`/v1/customers`) instead of under `/<id>`. */
  root?: ApiId
  /** A `mockdesk.config.json` document, parsed; options given here win over it. */
  config?: MockdeskConfig
}

export interface MockHttpServer {
  /** `http://127.0.0.1:4010` */
  url: string
  /** Each mounted API's base URL on this server, by id. */
  baseUrls: Record<string, string>
  mockdesk: Mockdesk
  close(): Promise<void>
}

export const defaultPort = 4010
export const defaultHost = '127.0.0.1'

export async function startMockServer(options: MockHttpServerOptions = {}): Promise<MockHttpServer> {
  const resolved = withConfig(options)
  const ids = options.root ? [options.root] : resolved.apis
  const basePath = (api: Parameters<typeof documentedBaseUrl>[0]) => new URL(documentedBaseUrl(api)).pathname.replace(/\/$/, '')
  const mockdesk = await createMockdesk(selectApis(ids), {
    ...resolved,
    base: (api) => (options.root ? '' : `/${api.id}`) + basePath(api.document),
  })
  const app = createFetchApp(mockdesk, { pages: sandboxPages() })
  // overrideGlobalObjects: the adapter's lightweight Request/Response replace the globals (they
  // extend them, so instanceof and msw keep working). A Response built from a string is then
  // written to the socket as is, instead of through a web stream: the list's main cost before.
  // A response marked as a socket fault (reset, truncated, ...) is acted out on the socket itself.
  const fetch = (request: Request, env: { incoming: IncomingMessage } | object) =>
    app(request).then((response) => {
      const fault = socketFaultOf(response)
      if (!fault) return response
      actOutSocketFault(fault, (env as { incoming: IncomingMessage }).incoming)
      return noAnswer()
    })
  const server = createAdaptorServer({ fetch, overrideGlobalObjects: true })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? defaultPort, options.host ?? defaultHost, () => resolve())
  })
  const { address, port } = server.address() as AddressInfo
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`
  return {
    url,
    baseUrls: Object.fromEntries(mockdesk.apis.map((api) => [api.definition.id, url + api.base])),
    mockdesk,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
      }),
  }
}
