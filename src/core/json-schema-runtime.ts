/**
 * What ajv's standalone code (src/generated/*-validators.ts) calls at run time, handed over by
 * name: its code says `require("ajv/dist/runtime/ucs2length").default`, which this resolves to an
 * ES import, so the generated modules run in Node ESM, CommonJS and browser bundles alike.
 */
import { fullFormats } from 'ajv-formats/dist/formats.js'
import equal from 'fast-deep-equal'

/** String length in code points, as JSON Schema counts it (ajv's runtime/ucs2length). */
function ucs2length(text: string): number {
  let length = 0
  let pos = 0
  while (pos < text.length) {
    length++
    const code = text.charCodeAt(pos++)
    // A high surrogate followed by a low one is one character.
    if (code >= 0xd800 && code <= 0xdbff && pos < text.length && (text.charCodeAt(pos) & 0xfc00) === 0xdc00) pos++
  }
  return length
}

const modules: Record<string, unknown> = {
  'ajv/dist/runtime/ucs2length': { default: ucs2length },
  'ajv/dist/runtime/equal': { default: equal },
  'ajv-formats/dist/formats': { fullFormats },
}

export function runtimeRequire(name: string): unknown {
  const found = modules[name]
  if (!found) throw new Error(`mockdesk's precompiled validators need "${name}", which json-schema-runtime.ts does not provide: add it there.`)
  return found
}
