/**
 * The sandbox page `mockdesk serve` shows at `/`: plain HTML, CSS and JS modules under
 * src/sandbox/, read once at start-up, and its request console's Swagger UI files (`/console/...`),
 * read on first use. The page itself reads the control plane, so it holds no data.
 *
 * Swagger UI comes with the package, never from a CDN: the build copies its two files (and its
 * licence) into dist/console/ (tsdown.config.ts); a checkout, which runs from the sources, reads
 * them from the swagger-ui-dist dev dependency.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

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

export function sandboxPages(): (request: Request, url: URL) => Response | undefined {
  // Found through the package's own name: the same folder from the sources and the built files.
  const root = path.dirname(createRequire(import.meta.url).resolve('mockdesk/package.json'))
  const dir = path.join(root, 'src/sandbox')
  const bodies = new Map<string, { body: string; type: string }>()
  for (const file of readdirSync(dir)) {
    const type = types[path.extname(file)]
    if (type) bodies.set(file === 'index.html' ? '/' : `/${file}`, { body: readFileSync(path.join(dir, file), 'utf8'), type })
  }
  const consoleAt = consoleDir(root)
  for (const file of consoleFiles) {
    let body: string | undefined
    bodies.set(`/console/${file}`, {
      type: types[path.extname(file)]!,
      // 1.7 MB: read when a visitor first opens the console, not at every start.
      get body() {
        return (body ??= readFileSync(path.join(consoleAt!, file), 'utf8'))
      },
    })
  }
  return (_request, url) => {
    const page = bodies.get(url.pathname)
    if (!page || (url.pathname.startsWith('/console/') && !consoleAt)) return undefined
    // no-cache: a reseeded server after an upgrade must not keep serving yesterday's script.
    return new Response(page.body, { headers: { 'content-type': page.type, 'cache-control': 'no-cache', ...sandboxHeaders } })
  }
}
