/**
 * The sandbox page `mockdesk serve` shows at `/`: plain HTML, CSS and JS files under
 * src/sandbox/, read once at start-up. The page itself reads the control plane
 * (`/__mockdesk/health`, `/__mockdesk/requests`, `/__mockdesk/reset`), so it holds no data.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const files = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/sandbox.css': { file: 'sandbox.css', type: 'text/css; charset=utf-8' },
  '/sandbox.js': { file: 'sandbox.js', type: 'text/javascript; charset=utf-8' },
} as const

/**
 * The page loads only its own script and stylesheet and talks only to its own server; no other
 * site may frame it (clickjacking its reset button) or have its files sniffed as another type.
 */
export const sandboxHeaders = {
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
} as const

export function sandboxPages(): (request: Request, url: URL) => Response | undefined {
  // Found through the package's own name: the same folder from the sources and the built files.
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('mockdesk/package.json')), 'src/sandbox')
  const bodies = new Map(
    Object.entries(files).map(([route, { file, type }]) => [route, { body: readFileSync(path.join(dir, file), 'utf8'), type }]),
  )
  return (_request, url) => {
    const page = bodies.get(url.pathname)
    // no-cache: a reseeded server after an upgrade must not keep serving yesterday's script.
    return page && new Response(page.body, { headers: { 'content-type': page.type, 'cache-control': 'no-cache', ...sandboxHeaders } })
  }
}
