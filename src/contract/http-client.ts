/**
 * Sends the suite's requests one at a time: never to a host other than the base URL's, and no
 * faster than `rate` requests per second when a real server must be spared.
 */
import type { ReceivedResponse, SentRequest } from './exchange.ts'

export interface HttpClientOptions {
  baseUrl: string
  /** Requests per second at most; unlimited when absent. */
  rate?: number
  timeoutMs?: number
  /** Sent with every request (a request's own headers win). */
  headers?: Record<string, string>
}

export class HttpClient {
  readonly base: URL
  #last = 0
  sent = 0

  constructor(readonly options: HttpClientOptions) {
    this.base = new URL(options.baseUrl.replace(/\/$/, ''))
  }

  /** The absolute URL of a path under the base, with query parameters. */
  url(path: string, query: Record<string, string | string[]> = {}): string {
    const url = new URL(this.base.href.replace(/\/$/, '') + path)
    for (const [name, value] of Object.entries(query)) {
      for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(name, v)
    }
    return url.href
  }

  /** Whether a URL stays on the base URL's origin and under its path. */
  allows(url: string): boolean {
    const target = new URL(url)
    return target.origin === this.base.origin && target.pathname.startsWith(this.base.pathname.replace(/\/$/, ''))
  }

  async send(request: SentRequest, retries = 0): Promise<ReceivedResponse> {
    if (!this.allows(request.url)) throw new Error(`Refusing to send a request to ${request.url}: it is outside the base URL ${this.base.href}.`)
    if (this.options.rate) {
      const wait = this.#last + 1000 / this.options.rate - Date.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      this.#last = Date.now()
    }
    this.sent++
    let body: BodyInit | undefined
    if (request.body?.fields) {
      const form = new FormData()
      for (const [name, value] of Object.entries(request.body.fields)) form.append(name, value)
      body = form
    } else {
      body = request.body?.text
    }
    const headers = { ...this.options.headers, ...request.headers }
    if (request.body?.fields) delete headers['content-type'] // fetch writes the multipart boundary
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      })
      const text = await response.text()
      const wait = rateLimitWait(request, response.status, response.headers)
      if (wait !== undefined && retries < maxRateLimitRetries) {
        // A rate-limited server said when to come back: honour it, then send the same request again.
        await new Promise((resolve) => setTimeout(resolve, wait))
        return this.send(request, retries + 1)
      }
      let json: unknown
      try {
        json = text ? JSON.parse(text) : undefined
      } catch {
        json = undefined
      }
      return { status: response.status, headers: response.headers, text, json }
    } catch (error) {
      return { status: 0, headers: new Headers(), text: '', error: error instanceof Error ? `${error.message}${error.cause ? ` (${error.cause})` : ''}` : String(error) }
    }
  }
}

const maxRateLimitRetries = 3
/** Longer waits than this are not worth it in a test run: the 429 is reported instead. */
const maxRateLimitWaitMs = 120_000

/**
 * How long to wait before sending again after a 429 the suite did not ask for (with
 * `Prefer: code=429` it is the answer under test): `Retry-After` seconds, else the seconds of
 * `X-Rate-Limit-Reset` (Yii 2's filter, which sends no `Retry-After`).
 */
function rateLimitWait(request: SentRequest, status: number, headers: Headers): number | undefined {
  if (status !== 429 || /code=429/.test(Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'prefer')?.[1] ?? '')) return undefined
  const seconds = Number(headers.get('retry-after') ?? headers.get('x-rate-limit-reset') ?? Number.NaN)
  return Number.isFinite(seconds) && seconds >= 0 && seconds * 1000 <= maxRateLimitWaitMs ? seconds * 1000 : undefined
}
