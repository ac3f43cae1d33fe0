/**
 * The standalone HTTP server (`mockdesk serve`, `npm start`): each API under `/<id>` plus its
 * documented base path (TopTickets at `/toptickets/v1`), or one API at the root with `root`; the
 * sandbox page at `/` (wherever no API answers it).
 * Node's http is adapted to the fetch app by @hono/node-server, which does that conversion fast.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import { lazyApis, type ApiId } from '../apis/load-apis.ts'
import type { MockdeskConfig } from '../config/mockdesk-config.ts'
import { withConfig } from '../config/runtime-options.ts'
import { socketFaultOf } from '../core/behaviour/faults.ts'
import { isLoopbackName } from '../core/control-access.ts'
import { createFetchApp } from '../core/fetch-app.ts'
import { createMockdesk, type Mockdesk, type MockdeskOptions } from '../core/mockdesk.ts'
import type { RequestIdentity } from '../core/repeated-reads.ts'
import { guardServer, oneAtATime, serverOptions, type ConnectionLimits } from './connection-guard.ts'
import { sandboxPages } from './sandbox-pages.ts'
import { actOutSocketFault, noAnswer } from './socket-faults.ts'
import { openPersistence, type Persistence } from './persistence/persistent-worlds.ts'
import { createSessions, type SessionOptions, type Sessions } from './sessions/sessions.ts'

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
  /** Sessions: limits, the sandbox's per-visitor cookie, the API key as tenant (see README "Sessions"). */
  sessions?: SessionOptions
  /** Keep every world across restarts in this directory (see README "Persistence"). */
  dataDir?: string
  /** With dataDir: sync each write to disk before answering (default true). */
  fsync?: boolean
  /** Reset the default world and drop every session this often (ms), for public sandboxes. */
  resetEveryMs?: number
  /**
   * Token every control call must carry (`X-Mockdesk-Admin-Token`). Bound beyond loopback, the
   * server makes one up when none is given; on loopback none is needed unless given.
   */
  adminToken?: string
  /** Timeouts and the pipelining cap (see connection-guard.ts); the defaults suit a shared demo. */
  limits?: ConnectionLimits
  /**
   * Listen before any API is loaded: a request loads (and seeds) only the API it calls, and
   * `mockdesk.ready()` the rest; calls on the whole mockdesk (`behave`, `snapshot`, a mounted API's
   * `definition`) need `await server.mockdesk.ready()` first. What `mockdesk serve` does, to answer
   * its first request sooner. Default false: everything is loaded when the promise resolves.
   */
  onDemand?: boolean
}

export interface MockHttpServer {
  /** `http://127.0.0.1:4010` */
  url: string
  /** Each mounted API's base URL on this server, by id. */
  baseUrls: Record<string, string>
  mockdesk: Mockdesk
  /** The session worlds this server keeps. */
  sessions: Sessions
  /** The admin token control calls need, if any (generated when bound beyond loopback). */
  adminToken?: string
  close(): Promise<void>
}

/** A read's identity: the GET request as sent, its URL and raw header lines. */
const identityOf = (incoming: IncomingMessage): RequestIdentity | undefined => (incoming.method === 'GET' ? { url: incoming.url!, rawHeaders: incoming.rawHeaders } : undefined)

export const defaultPort = 4010
export const defaultHost = '127.0.0.1'

export async function startMockServer(options: MockHttpServerOptions = {}): Promise<MockHttpServer> {
  const resolved = withConfig(options)
  const ids = options.root ? [options.root] : resolved.apis
  const basePath = (documentedBaseUrl: string) => new URL(documentedBaseUrl).pathname.replace(/\/$/, '')
  // The registry's loaders: on demand, the server listens before any API is loaded, and a request
  // loads (and seeds) only the API it calls (see `onDemand`).
  const mockdesk = await createMockdesk(lazyApis(ids), {
    ...resolved,
    base: (api) => (options.root ? '' : `/${api.id}`) + basePath(api.documentedBaseUrl),
    onDemand: options.onDemand ?? false,
  })
  const host = options.host ?? defaultHost
  const loopbackOnly = isLoopbackName(host)
  if (options.adminToken !== undefined && options.adminToken.length < 12) throw new Error('Failed to start: the admin token must be at least 12 characters long.')
  const adminToken = options.adminToken ?? (loopbackOnly ? undefined : randomBytes(18).toString('base64url'))
  // Persistence reads and writes every store: with a data dir, every API is loaded first.
  if (options.dataDir) await mockdesk.ready()
  const persistence: Persistence | undefined = options.dataDir
    ? await openPersistence(
        mockdesk,
        { apis: mockdesk.apis.map((api) => api.id), seed: mockdesk.seed, count: options.count ?? null },
        { dataDir: options.dataDir, fsync: options.fsync },
      )
    : undefined
  const sessions = createSessions(mockdesk, options.sessions, persistence && ((limits) => persistence.source(limits.recordQuota)))
  const app = createFetchApp(mockdesk, {
    pages: sandboxPages(),
    control: { loopbackOnly, adminToken, maxBodyBytes: options.maxBodyBytes },
    sessions,
    settle: persistence?.settle,
  })
  const scheduledReset =
    options.resetEveryMs === undefined
      ? undefined
      : setInterval(async () => {
          await mockdesk.reset()
          await sessions.registry.dropAll()
          await persistence?.settle(mockdesk.world)
        }, options.resetEveryMs)
  scheduledReset?.unref()
  // overrideGlobalObjects: the adapter's lightweight Request/Response replace the globals (they
  // extend them, so instanceof and msw keep working). A Response built from a string is then
  // written to the socket as is, instead of through a web stream: the list's main cost before.
  // A response marked as a socket fault (reset, truncated, ...) is acted out on the socket itself.
  // Reads carry their identity to the app, so one answered from prepared bytes is remembered
  // (repeated-reads.ts) and the same request again is answered before the adapter (below).
  const fetch = (request: Request, env: { incoming: IncomingMessage } | object) => {
    const { incoming } = env as { incoming: IncomingMessage }
    const identity = identityOf(incoming)
    return app(request, identity === undefined ? undefined : { identity }).then((response) => {
      const fault = socketFaultOf(response)
      if (!fault) return response
      actOutSocketFault(fault, incoming)
      return noAnswer()
    })
  }
  /**
   * A repeated read answered straight from node:http, before the adapter builds a Request and a
   * Response for it: the status, the plain headers and the bytes, written as the adapter writes a
   * plain answer (headers in order, Content-Length from the body), so the bytes on the wire are
   * the same (a test compares them).
   */
  const answeringRepeats =
    (listener: Parameters<typeof oneAtATime>[0]): Parameters<typeof oneAtATime>[0] =>
    (incoming, outgoing) => {
      const identity = identityOf(incoming)
      const repeated = identity === undefined ? undefined : app.repeat(identity)
      if (repeated === undefined) return listener(incoming, outgoing)
      outgoing.statusCode = repeated.status
      for (const name in repeated.headers) outgoing.setHeader(name, repeated.headers[name]!)
      outgoing.end(repeated.body)
    }
  const server = createAdaptorServer({
    fetch,
    overrideGlobalObjects: true,
    serverOptions: serverOptions(options.limits),
    createServer: ((settings: Parameters<typeof createServer>[0], listener: Parameters<typeof oneAtATime>[0]) =>
      createServer(settings, oneAtATime(answeringRepeats(listener), options.limits))) as typeof createServer,
  }) as ReturnType<typeof createServer>
  guardServer(server, options.limits)

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      persistence?.close().catch(() => {})
      reject(error)
    })
    server.listen(options.port ?? defaultPort, host, () => resolve())
  })
  const { address, port } = server.address() as AddressInfo
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`
  return {
    url,
    baseUrls: Object.fromEntries(mockdesk.apis.map((api) => [api.id, url + api.base])),
    mockdesk,
    sessions,
    adminToken,
    async close() {
      sessions.registry.close()
      clearInterval(scheduledReset)
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
      })
      await persistence?.close()
    },
  }
}
