/**
 * The peers `npm run bench -- --peers` measures beside mockdesk: Prism and Mockoon CLI, pinned,
 * installed from the npm registry into `.bench/peers/` the first time they are needed (not
 * dependencies of mockdesk: nobody who uses mockdesk needs them).
 *
 * Both serve the same TopTickets spec, with the list's documented example replaced by the very
 * page mockdesk answers (the same 50 records, the same bytes once serialized), so all three send
 * the same data for the same request. That flatters the peers: they answer from a static example,
 * mockdesk from its store.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import type { OpenApiDocument } from '../core/openapi-document.ts'
import { startServer, type ServerProcess } from './server-process.ts'

/** Pinned: the newest releases that run on Node 20 (Prism 5.15+ needs Node 24). */
export const peerPackages = { '@stoplight/prism-cli': '5.14.2', '@mockoon/cli': '9.9.0' } as const

export const peersDir = path.resolve('.bench/peers')

const installedVersion = (name: string) => {
  try {
    return JSON.parse(readFileSync(path.join(peersDir, 'node_modules', name, 'package.json'), 'utf8')).version as string
  } catch {
    return undefined
  }
}

/** Installs the pinned peers unless they are there already. */
export async function installPeers(log: (line: string) => void): Promise<void> {
  const missing = Object.entries(peerPackages).filter(([name, version]) => installedVersion(name) !== version)
  if (missing.length === 0) return
  mkdirSync(peersDir, { recursive: true })
  if (!existsSync(path.join(peersDir, 'package.json'))) writeFileSync(path.join(peersDir, 'package.json'), '{"private":true}\n')
  const specs = missing.map(([name, version]) => `${name}@${version}`)
  log(`installing ${specs.join(', ')} into ${peersDir} (first use only)`)
  await promisify(execFile)('npm', ['install', '--prefix', peersDir, '--no-audit', '--no-fund', '--loglevel=error', ...specs], { maxBuffer: 16 * 2 ** 20 })
}

/** The spec with the list's 200 answer documented by `page`, as JSON (both peers read JSON specs). */
export function writeBenchSpec(document: OpenApiDocument, listPath: string, page: unknown): string {
  const copy = structuredClone(document) as any
  const media = copy.paths[listPath].get.responses['200'].content['application/json']
  delete media.examples
  media.example = page
  const file = path.join(peersDir, 'toptickets-bench.json')
  writeFileSync(file, JSON.stringify(copy))
  return file
}

const bin = (name: string) => path.join(peersDir, 'node_modules', '.bin', name)

export interface Peer {
  name: string
  server: ServerProcess
  /** The list URL on this peer (its own base path). */
  listUrl: string
}

export async function startPrism(spec: string, port: number, listPath: string): Promise<Peer> {
  const server = await startServer(['mock', spec, '--port', String(port), '--host', '127.0.0.1', '--errors', 'false'], {
    command: bin('prism'),
    ready: /listening on (http:\/\/[\d.:]+)/,
  })
  return { name: `Prism ${peerPackages['@stoplight/prism-cli']} (static)`, server, listUrl: `${server.url}${listPath}` }
}

export async function startMockoon(spec: string, port: number, basePath: string, listPath: string): Promise<Peer> {
  const server = await startServer(['start', '--data', spec, '--port', String(port), '--hostname', '127.0.0.1', '--disable-log-to-file'], {
    command: bin('mockoon-cli'),
    ready: /Server started on port (\d+)/,
  })
  const url = `http://127.0.0.1:${port}`
  return { name: `Mockoon CLI ${peerPackages['@mockoon/cli']}`, server: { ...server, url }, listUrl: `${url}${basePath}${listPath}` }
}
