// Small DOM helpers the sandbox page's modules share: find by id, build an element.
export const $ = (id) => document.getElementById(id)

export const el = (tag, { dataset = {}, ...props } = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props)
  Object.assign(node.dataset, dataset)
  node.append(...children.filter((child) => child !== undefined && child !== null && child !== false))
  return node
}

/** The page's one status line: what just happened, or what went wrong and how to fix it. */
export function say(text, error = false) {
  $('status').textContent = text
  $('status').classList.toggle('error', error)
}
