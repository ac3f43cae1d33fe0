// The data browser: this visitor's world, one collection at a time, a page of records at a time,
// searchable; one record shown in full. It reads /__mockdesk/data..., which answers from the
// world the visitor's cookie names, so nobody else's records ever show here.
import { control } from './control.js'
import { $, el, say } from './dom.js'

const pageSize = 20
const state = { collection: '', offset: 0, q: '', shown: undefined }

/** A record's one-line name: the first of its usual naming fields, else its JSON, short. */
function label(record) {
  const fields = ['name', 'full_name', 'fullName', 'subject', 'title', 'email', 'mail']
  for (const source of [record, record.attributes ?? {}]) {
    for (const field of fields) if (typeof source[field] === 'string' && source[field]) return source[field]
  }
  return JSON.stringify(record).slice(0, 60)
}

const path = (...parts) => `data/${parts.map(encodeURIComponent).join('/')}`

async function showRecord(id) {
  const [api, collection] = state.collection.split('/')
  const { record } = await control('GET', path(api, collection, String(id)))
  state.shown = id
  $('data-record-title').textContent = `${api} · ${collection} · ${id}`
  $('data-record-json').textContent = JSON.stringify(record, null, 2)
  $('data-record').hidden = false
  $('data-record').scrollIntoView({ block: 'nearest' })
}

async function showPage() {
  if (!state.collection) return
  const [api, collection] = state.collection.split('/')
  const query = new URLSearchParams({ offset: String(state.offset), limit: String(pageSize) })
  if (state.q) query.set('q', state.q)
  const page = await control('GET', `${path(api, collection)}?${query}`)
  const last = Math.min(page.offset + page.records.length, page.matched)
  $('data-note').textContent =
    page.matched === 0
      ? page.q ? `No record matches “${page.q}”.` : 'This collection is empty.'
      : `${page.offset + 1}–${last} of ${page.matched}${page.q ? ` matching “${page.q}” (${page.total} in all)` : ''}`
  $('data-records').replaceChildren(
    ...page.records.map(({ id, record }) => {
      const button = el('button', { type: 'button', className: 'link' }, el('span', { textContent: label(record) }), el('code', { className: 'record-id', textContent: String(id) }))
      button.addEventListener('click', () => showRecord(id).catch((error) => say(error.message, true)))
      return el('li', { dataset: { id: String(id) } }, button)
    }),
  )
  $('data-prev').disabled = page.offset === 0
  $('data-next').disabled = last >= page.matched
}

/** Fills the collection picker from the world's collections, keeping the current choice. */
export async function refreshData() {
  const { apis } = await control('GET', 'data')
  const picker = $('data-collection')
  picker.replaceChildren(
    ...apis.flatMap((api) => api.collections.map((c) => el('option', { value: `${api.id}/${c.name}`, textContent: `${api.id} · ${c.name} (${c.count})` }))),
  )
  if (![...picker.options].some((option) => option.value === state.collection)) {
    state.collection = picker.options[0]?.value ?? ''
    state.offset = 0
  }
  picker.value = state.collection
  await showPage()
  // A record on show may have changed or gone: show it again, or hide it.
  if (state.shown !== undefined) await showRecord(state.shown).catch(() => ($('data-record').hidden = true))
}

export function startDataBrowser() {
  $('data-collection').addEventListener('change', () => {
    state.collection = $('data-collection').value
    state.offset = 0
    state.shown = undefined
    $('data-record').hidden = true
    showPage().catch((error) => say(error.message, true))
  })
  let typing
  $('data-q').addEventListener('input', () => {
    clearTimeout(typing)
    typing = setTimeout(() => {
      state.q = $('data-q').value.trim()
      state.offset = 0
      showPage().catch((error) => say(error.message, true))
    }, 250)
  })
  $('data-form').addEventListener('submit', (event) => event.preventDefault())
  $('data-prev').addEventListener('click', () => {
    state.offset = Math.max(0, state.offset - pageSize)
    showPage().catch((error) => say(error.message, true))
  })
  $('data-next').addEventListener('click', () => {
    state.offset += pageSize
    showPage().catch((error) => say(error.message, true))
  })
  $('data-record-close').addEventListener('click', () => {
    state.shown = undefined
    $('data-record').hidden = true
  })
  return refreshData()
}
