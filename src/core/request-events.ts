/**
 * `GET /__mockdesk/requests/events[?after=N]`: the request log of one world as server-sent
 * events, so the sandbox page shows each request as it is answered instead of polling. Each event
 * is one log entry (`id` is its `seq`, so a reconnecting EventSource resumes where it stopped via
 * `Last-Event-ID`); a comment every 15 s keeps proxies from closing an idle stream. While the
 * stream is open the log keeps each request's headers and bodies, which the events carry
 * (`exchange`, see request-exchange.ts).
 */
import type { LoggedRequest, RequestLog } from './request-log.ts'

const keepAliveMs = 15_000

export function requestEvents(request: Request, log: RequestLog, after: number): Response {
  const resume = Number(request.headers.get('last-event-id'))
  const from = Number.isSafeInteger(resume) && resume > 0 ? resume : after
  const encoder = new TextEncoder()
  let stop = () => {}
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (entry: LoggedRequest) => controller.enqueue(encoder.encode(`id: ${entry.seq}\ndata: ${JSON.stringify(log.withExchange(entry))}\n\n`))
      const unwatch = log.watch()
      controller.enqueue(encoder.encode(`retry: 2000\n\n`))
      for (const entry of log.since(from)) send(entry)
      const unlisten = log.subscribe(send)
      const timer = setInterval(() => controller.enqueue(encoder.encode(': keep-alive\n\n')), keepAliveMs)
      stop = () => {
        unwatch()
        unlisten()
        clearInterval(timer)
      }
      request.signal?.addEventListener('abort', () => {
        stop()
        try {
          controller.close()
        } catch {
          // already closed
        }
      })
    },
    cancel() {
      stop()
    },
  })
  return new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' } })
}
