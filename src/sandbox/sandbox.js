// The sandbox page: reads mockdesk's control plane and redraws. No framework, no build step.
// Counts are refreshed whenever the log shows new requests, since only requests change the data.
const $ = (id) => document.getElementById(id)
const el = (tag, { dataset = {}, ...props } = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props)
  Object.assign(node.dataset, dataset)
  node.append(...children.filter((child) => child !== undefined && child !== null))
  return node
}

const maxRows = 50
let lastSeq = 0

// A server bound beyond loopback wants its admin token on every control call: the page asks for
// it once and keeps it for this tab only.
const tokenKey = 'mockdesk-admin-token'
let askedForToken

function askForToken(message) {
  $('token-note').textContent = message
  $('token-form').hidden = false
  $('token').focus()
  askedForToken ??= new Promise((resolve) => {
    $('token-form').addEventListener('submit', (event) => {
      event.preventDefault()
      sessionStorage.setItem(tokenKey, $('token').value.trim())
      $('token-form').hidden = true
      askedForToken = undefined
      resolve()
    }, { once: true })
  })
  return askedForToken
}

async function control(method, path, body) {
  // The custom header makes every call one that no other site's page could send without asking.
  const headers = { accept: 'application/json', 'x-mockdesk-control': 'sandbox' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  const token = sessionStorage.getItem(tokenKey)
  if (token) headers['x-mockdesk-admin-token'] = token
  const response = await fetch(`/__mockdesk/${path}`, { method, headers, body })
  const answer = await response.json()
  if (answer.code === 'MOCKDESK_ADMIN_TOKEN_REQUIRED') {
    await askForToken(answer.title)
    return control(method, path, body)
  }
  // Kit errors say what went wrong and how to fix it: show both.
  if (!response.ok) throw new Error(`${answer.title ?? response.statusText} ${answer.fix ?? ''}`.trim())
  return answer
}

function copyButton(text) {
  const button = el('button', { type: 'button', className: 'secondary', textContent: 'Copy' })
  button.addEventListener('click', async () => {
    await navigator.clipboard?.writeText(text)
    button.textContent = 'Copied'
    setTimeout(() => (button.textContent = 'Copy'), 1200)
  })
  return button
}

function apiCard(api) {
  const counts = el(
    'ul',
    { className: 'counts', ariaLabel: 'records per collection' },
    ...Object.entries(api.records).map(([name, n]) => el('li', { dataset: { collection: name } }, el('strong', { textContent: n }), ` ${name}`)),
  )
  const keys = el(
    'table',
    { className: 'keys' },
    el('tbody', {}, ...api.keys.map((key) => el('tr', {}, el('td', {}, el('code', { textContent: key.key })), el('td', {}, el('strong', { textContent: key.role }), ' ', el('span', { className: 'muted', textContent: key.description }))))),
  )
  const curl = api.curl && el('div', { className: 'curl' }, el('pre', { textContent: api.curl }), copyButton(api.curl))
  return el(
    'article',
    { className: 'api', id: `api-${api.id}` },
    el('div', { className: 'api-head' }, el('h3', { textContent: api.title }), el('code', { className: 'muted', textContent: api.id })),
    el('div', { className: 'base' }, 'Base URL ', el('code', { className: 'base-url', textContent: api.baseUrl })),
    counts,
    api.keys.length > 0 ? keys : el('p', { className: 'muted', textContent: 'No key needed.' }),
    curl,
  )
}

async function showApis() {
  const described = await control('GET', 'apis')
  $('seed').textContent = described.seed
  // With --visitor-sessions, this visitor's own world: say so, since nobody else sees its changes.
  $('world').hidden = !described.session
  $('world').textContent = described.session ? 'Your own world: your changes, resets and reseeds are yours alone.' : ''
  $('apis').replaceChildren(...described.apis.map(apiCard))
}

function logRow(entry) {
  const time = new Date(entry.at).toLocaleTimeString()
  return el(
    'tr',
    {},
    el('td', { textContent: time }),
    el('td', { textContent: entry.method }),
    el('td', { className: 'path', textContent: entry.path }),
    el('td', { className: `status-${String(entry.status)[0]}`, textContent: entry.status }),
    el('td', { className: 'num', textContent: entry.ms }),
  )
}

function addToLog(requests) {
  const fresh = requests.filter((entry) => entry.seq > lastSeq)
  if (fresh.length === 0) return false
  lastSeq = fresh.at(-1).seq
  const body = $('log')
  body.querySelector('.empty')?.remove()
  for (const entry of fresh) body.prepend(logRow(entry))
  while (body.rows.length > maxRows) body.lastElementChild.remove()
  return true
}

async function pollLog() {
  const { requests, size } = await control('GET', `requests?after=${lastSeq}`)
  $('log-note').textContent = `(newest first, last ${Math.min(size, maxRows)} kept here)`
  return addToLog(requests)
}

function say(text, error = false) {
  $('status').textContent = text
  $('status').classList.toggle('error', error)
}

async function reset(seed) {
  for (const button of document.querySelectorAll('#controls button')) button.disabled = true
  try {
    const result = await control('POST', seed === undefined ? 'reset' : `reset?seed=${encodeURIComponent(seed)}`)
    await showApis()
    say(`Data rebuilt from seed ${result.seed}.`)
  } catch (error) {
    say(error.message, true)
  } finally {
    for (const button of document.querySelectorAll('#controls button')) button.disabled = false
  }
}

$('reset').addEventListener('click', () => reset())
$('controls').addEventListener('submit', (event) => {
  event.preventDefault()
  const seed = $('new-seed').value.trim()
  if (seed === '') return say('Type a seed (a whole number) first.', true)
  reset(seed)
})

async function tick() {
  try {
    if (await pollLog()) await showApis()
  } catch (error) {
    say(`Lost the server: ${error.message}`, true)
  }
  setTimeout(tick, 1000)
}

// Snapshots of this world: saved as a file, and loaded back (the server checks every record).
$('download').addEventListener('click', async () => {
  try {
    const snapshot = await control('GET', 'snapshot')
    const link = el('a', { href: URL.createObjectURL(new Blob([JSON.stringify(snapshot)], { type: 'application/json' })), download: 'mockdesk-snapshot.json' })
    link.click()
    setTimeout(() => URL.revokeObjectURL(link.href), 1000)
    say('Snapshot saved.')
  } catch (error) {
    say(error.message, true)
  }
})
$('upload-button').addEventListener('click', () => $('upload').click())
$('upload').addEventListener('change', async () => {
  const file = $('upload').files[0]
  if (!file) return
  try {
    await control('POST', 'snapshot', await file.text())
    await showApis()
    say(`Snapshot ${file.name} loaded.`)
  } catch (error) {
    say(error.message, true)
  } finally {
    $('upload').value = ''
  }
})

// The log live, as server-sent events; where they cannot flow (an old proxy), poll instead.
function live() {
  const source = new EventSource(`/__mockdesk/requests/events?after=${lastSeq}`)
  let opened = false
  let refresh
  source.onopen = () => {
    opened = true
    if ($('status').classList.contains('error')) say('')
  }
  source.onmessage = (event) => {
    if (!addToLog([JSON.parse(event.data)])) return
    // Counts follow the requests, once a burst of them has passed.
    clearTimeout(refresh)
    refresh = setTimeout(() => showApis().catch(() => {}), 150)
  }
  source.onerror = () => {
    if (opened) return say('Lost the server; reconnecting…', true)
    source.close()
    tick()
  }
}

showApis()
  .then(pollLog)
  .then(live, (error) => say(`Could not load the APIs: ${error.message}`, true))
