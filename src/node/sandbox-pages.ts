/**
 * The sandbox page `mockdesk serve` shows at `/`: plain HTML, CSS and JS modules under
 * src/sandbox/, read once at start-up, and its request console's Swagger UI files (`/console/...`),
 * read on first use. The page itself reads the control plane, so it holds no data.
 *
 * Swagger UI comes with the package, never from a CDN: the build copies its two files (and its
 * licence) into dist/console/ (tsdown.config.ts); a checkout, which runs from the sources, reads
 * them from the swagger-ui-dist dev dependency.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
}

/** The console's files: what the page loads of Swagger UI, and nothing else of it. */
export const consoleFiles = ['swagger-ui-bundle.js', 'swagger-ui.css'] as const

/**
 * The page loads only its own scripts and stylesheets and talks only to its own server; no other
 * site may frame it (clickjacking its reset button) or have its files sniffed as another type.
 */
export const sandboxHeaders = {
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
} as const

function consoleDir(root: string): string | undefined {
  const built = path.join(root, 'dist/console')
  if (existsSync(path.join(built, consoleFiles[0]))) return built
  try {
    return path.dirname(createRequire(path.join(root, 'package.json')).resolve('swagger-ui-dist/package.json'))
  } catch {
    return undefined
  }
}

interface Page {
  body: string
  type: string
}

/** A console file: read, gzipped and tagged when a visitor first opens the console, not at every start. */
function consoleFile(dir: string, file: string) {
  let loaded: { body: Uint8Array<ArrayBuffer>; gzipped: Uint8Array<ArrayBuffer>; etag: string } | undefined
  return () => {
    if (!loaded) {
      const body = readFileSync(path.join(dir, file))
      loaded = { body: new Uint8Array(body), gzipped: new Uint8Array(gzipSync(body)), etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` }
    }
    return loaded
  }
}

export function sandboxPages(): (request: Request, url: URL) => Response | undefined {
  // Found through the package's own name: the same folder from the sources and the built files.
  const root = path.dirname(createRequire(import.meta.url).resolve('mockdesk/package.json'))
  const dir = path.join(root, 'src/sandbox')
  const pages = new Map<string, Page>()
  for (const file of readdirSync(dir)) {
    const type = types[path.extname(file)]
    if (type) pages.set(file === 'index.html' ? '/' : `/${file}`, { body: readFileSync(path.join(dir, file), 'utf8'), type })
  }
  const consoleAt = consoleDir(root)
  const consoleAssets = new Map(consoleAt ? consoleFiles.map((file) => [`/console/${file}`, { type: types[path.extname(file)]!, load: consoleFile(consoleAt, file) }]) : [])
  return (request, url) => {
    // no-cache: a reseeded server after an upgrade must not keep serving yesterday's script.
    const headers = { 'cache-control': 'no-cache', ...sandboxHeaders }
    const page = pages.get(url.pathname)
    if (page) return new Response(page.body, { headers: { 'content-type': page.type, ...headers } })
    const asset = consoleAssets.get(url.pathname)
    if (!asset) return undefined
    // 1.9 MB of Swagger UI: revalidated by its tag (304), and gzipped (a fifth of it) for a visitor
    // whose browser takes that, as every browser does.
    const { body, gzipped, etag } = asset.load()
    const tagged = { 'content-type': asset.type, etag, vary: 'accept-encoding', ...headers }
    if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: tagged })
    if (/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) return new Response(gzipped, { headers: { ...tagged, 'content-encoding': 'gzip' } })
    return new Response(body, { headers: tagged })
  }
}
