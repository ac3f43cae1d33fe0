// The sandbox page: reads mockdesk's control plane and redraws. No framework, no build step; one
// module per tool (data-browser.js, request-console.js, request-log.js). Counts and the data
// browser are refreshed whenever the log shows new requests, since only requests change the data.
import { control } from './control.js'
import { refreshData, startDataBrowser } from './data-browser.js'
import { $, el, say } from './dom.js'
import { startConsole } from './request-console.js'
import { followLog } from './request-log.js'

let described = { apis: [] }

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
  described = await control('GET', 'apis')
  $('seed').textContent = described.seed
  // With --visitor-sessions, this visitor's own world: say so, since nobody else sees its changes.
  $('world').hidden = !described.session
  $('world').textContent = described.session ? 'Your own world: your changes, resets and reseeds are yours alone.' : ''
  $('apis').replaceChildren(...described.apis.map(apiCard))
}

/** Everything that shows the world's data, after it changed. */
const refresh = () => Promise.all([showApis(), refreshData()])

async function reset(seed) {
  for (const button of document.querySelectorAll('#controls button')) button.disabled = true
  try {
    const result = await control('POST', seed === undefined ? 'reset' : `reset?seed=${encodeURIComponent(seed)}`)
    await refresh()
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
    await refresh()
    say(`Snapshot ${file.name} loaded.`)
  } catch (error) {
    say(error.message, true)
  } finally {
    $('upload').value = ''
  }
})

showApis()
  .then(async () => {
    startConsole(() => described)
    await startDataBrowser()
    await followLog(() => refresh().catch(() => {}))
  })
  .catch((error) => say(`Could not load the APIs: ${error.message}`, true))
