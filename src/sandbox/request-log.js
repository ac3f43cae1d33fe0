// The request log: the newest requests of this visitor's world, live (server-sent events; polling
// where they cannot flow). Each row opens to the request's and response's headers and bodies, as
// the server kept them (credentials masked, long bodies cut) while this page was watching.
import { control } from './control.js'
import { $, el, say } from './dom.js'

const maxRows = 50
let lastSeq = 0
const entries = new Map()

function headerList(headers) {
  const names = Object.keys(headers ?? {})
  if (names.length === 0) return el('p', { className: 'muted', textContent: 'No headers.' })
  return el('dl', { className: 'headers' }, ...names.flatMap((name) => [el('dt', { textContent: name }), el('dd', { textContent: headers[name] })]))
}

function body(side) {
  if (side.body === undefined) return el('p', { className: 'muted', textContent: 'No body.' })
  const note = side.truncated && el('p', { className: 'muted', textContent: `First ${side.body.length.toLocaleString()} of ${side.size.toLocaleString()} characters.` })
  return el('div', {}, el('pre', { className: 'body', textContent: side.body }), note)
}

function exchangeView(entry) {
  if (!entry.exchange) {
    return el('p', { className: 'muted', textContent: 'Headers and bodies are kept only for requests made while this page is open. Send it again to see them.' })
  }
  const { request, response } = entry.exchange
  return el(
    'div',
    { className: 'exchange' },
    el('section', {}, el('h4', { textContent: `Request: ${entry.method} ${entry.path}` }), headerList(request.headers), body(request)),
    el('section', {}, el('h4', { textContent: `Response: ${entry.status}` }), headerList(response.headers), body(response)),
  )
}

async function toggle(row, button) {
  const open = button.getAttribute('aria-expanded') === 'true'
  button.setAttribute('aria-expanded', String(!open))
  row.nextElementSibling?.classList.contains('detail') && row.nextElementSibling.remove()
  if (open) return
  const seq = Number(row.dataset.seq)
  let entry = entries.get(seq)
  // Rows loaded before the stream opened carry no exchange: ask for it.
  if (entry && !entry.exchange) entry = await control('GET', `requests/${seq}`).catch(() => entry)
  const detail = el('tr', { className: 'detail' }, el('td', { colSpan: 5 }, exchangeView(entry)))
  row.after(detail)
}

function logRow(entry) {
  const time = new Date(entry.at).toLocaleTimeString([], { hour12: false })
  const button = el('button', { type: 'button', className: 'link path-button', textContent: entry.path, title: 'Show headers and bodies' })
  button.setAttribute('aria-expanded', 'false')
  const row = el(
    'tr',
    { dataset: { seq: entry.seq } },
    el('td', { textContent: time }),
    el('td', { textContent: entry.method }),
    el('td', { className: 'path' }, button),
    el('td', { className: `status-${String(entry.status)[0]}`, textContent: entry.status }),
    el('td', { className: 'num', textContent: entry.ms }),
  )
  button.addEventListener('click', () => toggle(row, button))
  return row
}

function add(requests) {
  const fresh = requests.filter((entry) => entry.seq > lastSeq)
  if (fresh.length === 0) return false
  lastSeq = fresh.at(-1).seq
  const tbody = $('log')
  tbody.querySelector('.empty')?.remove()
  for (const entry of fresh) {
    entries.set(entry.seq, entry)
    tbody.prepend(logRow(entry))
  }
  const rows = [...tbody.querySelectorAll('tr:not(.detail)')]
  for (const row of rows.slice(maxRows)) {
    entries.delete(Number(row.dataset.seq))
    if (row.nextElementSibling?.classList.contains('detail')) row.nextElementSibling.remove()
    row.remove()
  }
  return true
}

async function poll() {
  const { requests, size } = await control('GET', `requests?after=${lastSeq}`)
  $('log-note').textContent = `(newest first, last ${Math.min(size, maxRows)} kept here; tap a path for its headers and bodies)`
  return add(requests)
}

/** Loads the log, then follows it live; `changed` is called once a burst of new requests passed. */
export async function followLog(changed) {
  await poll()
  const source = new EventSource(`/__mockdesk/requests/events?after=${lastSeq}`)
  let opened = false
  let refresh
  source.onopen = () => {
    opened = true
    if ($('status').classList.contains('error')) say('')
  }
  source.onmessage = (event) => {
    if (!add([JSON.parse(event.data)])) return
    clearTimeout(refresh)
    refresh = setTimeout(changed, 150)
  }
  source.onerror = () => {
    if (opened) return say('Lost the server; reconnecting…', true)
    // Server-sent events cannot flow (an old proxy): poll instead.
    source.close()
    const tick = async () => {
      try {
        if (await poll()) changed()
      } catch (error) {
        say(`Lost the server: ${error.message}`, true)
      }
      setTimeout(tick, 1000)
    }
    tick()
  }
}
