/** The README's code blocks by the file name on their first line (`// src/main.ts`), unindented. */
import { readFileSync } from 'node:fs'

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')

export function readmeSnippet(file: string): string {
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const match = new RegExp('^( *)```ts\\n\\1// ' + escaped + '(?: \\(.*\\))?\\n([\\s\\S]*?)^\\1```', 'm').exec(readme)
  if (!match) throw new Error(`README.md has no \`\`\`ts block starting with "// ${file}"`)
  const indent = match[1]!
  return match[2]!.replace(new RegExp(`^${indent}`, 'gm'), '')
}
