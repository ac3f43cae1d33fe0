/** The drift report on disk: `<name>.json` (the report) and `<name>.txt` (the readable summary). */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { DriftReport } from './drift.ts'
import { driftSummary } from './drift-summary.ts'

export async function writeDriftFiles(report: DriftReport, path: string): Promise<{ json: string; text: string }> {
  const stem = path.replace(/\.(json|txt)$/, '')
  const files = { json: `${stem}.json`, text: `${stem}.txt` }
  await mkdir(dirname(files.json), { recursive: true })
  await writeFile(files.json, `${JSON.stringify(report, null, 2)}\n`)
  await writeFile(files.text, driftSummary(report))
  return files
}
