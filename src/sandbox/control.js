// Calls to mockdesk's control plane (/__mockdesk/*), as the server's rules want them: a custom
// header on every call (no other site's page could send it without asking), and the admin token
// where the server needs one (asked once, kept for this tab only).
import { $ } from './dom.js'

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

export async function control(method, path, body) {
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
