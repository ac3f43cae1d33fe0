// The request console: Swagger UI (served by mockdesk itself from the installed package, no CDN)
// showing one API's spec with its servers replaced by this server's mount, and a working key of
// that API filled in for each of its auth schemes. "Try it out" calls go to this server with the
// visitor's cookie, so they act on the visitor's own world, and show up in the log below.
import { control } from './control.js'
import { $, el, say } from './dom.js'

let assets

/** Swagger UI's script and stylesheet, loaded the first time the console opens (1.7 MB). */
function loadAssets() {
  assets ??= new Promise((resolve, reject) => {
    document.head.append(el('link', { rel: 'stylesheet', href: 'console/swagger-ui.css' }))
    const script = el('script', { src: 'console/swagger-ui-bundle.js' })
    script.onload = () => resolve(window.SwaggerUIBundle)
    script.onerror = () => {
      assets = undefined
      reject(new Error('Could not load the console (console/swagger-ui-bundle.js).'))
    }
    document.head.append(script)
  })
  return assets
}

/** Fills in `key` for every auth scheme the spec has, as Swagger UI's Authorize dialog would. */
function authorize(ui, spec, key) {
  const filled = []
  for (const [name, scheme] of Object.entries(spec.components?.securitySchemes ?? {})) {
    if (scheme.type === 'http' && /^basic$/i.test(scheme.scheme ?? '')) ui.preauthorizeBasic(name, key, '')
    else if ((scheme.type === 'http' && /^bearer$/i.test(scheme.scheme ?? '')) || scheme.type === 'apiKey') ui.preauthorizeApiKey(name, key)
    else continue
    filled.push(name)
  }
  return filled
}

/** `session`: whether the page has a world of its own (--visitor-sessions), or shares the server's. */
async function open(api, session) {
  const whose = session ? 'your own world' : "the server's default world"
  $('console-note').textContent = 'Loading the console…'
  const [SwaggerUIBundle, spec] = await Promise.all([loadAssets(), control('GET', `openapi/${encodeURIComponent(api.id)}`)])
  const key = api.keys[0]
  await new Promise((resolve) => {
    const ui = SwaggerUIBundle({
      spec,
      domNode: $('console'),
      presets: [SwaggerUIBundle.presets.apis],
      layout: 'BaseLayout',
      // Nothing leaves this server: no validator badge from validator.swagger.io.
      validatorUrl: null,
      deepLinking: false,
      tryItOutEnabled: true,
      docExpansion: 'list',
      defaultModelsExpandDepth: -1,
      onComplete: () => {
        const filled = key ? authorize(ui, spec, key.key) : []
        $('console-note').textContent = filled.length
          ? `Calls go to ${spec.servers[0].url} (${whose}), authorized with the ${key.role} key ${key.key} (${filled.join(', ')}).`
          : `Calls go to ${spec.servers[0].url} (${whose}).`
        resolve()
      },
    })
  })
}

/**
 * `described`: what /__mockdesk/apis says now (the APIs with their keys, and the session when the
 * page has a world of its own).
 */
export function startConsole(described) {
  const apis = () => described().apis
  const picker = $('console-api')
  picker.replaceChildren(...apis().map((api) => el('option', { value: api.id, textContent: api.title })))
  $('console-form').addEventListener('submit', (event) => {
    event.preventDefault()
    const api = apis().find((candidate) => candidate.id === picker.value)
    if (api) open(api, described().session).catch((error) => say(error.message, true))
  })
}
