/**
 * The bench's figures, each with its target and whether this run met it, printed as one list at
 * the end of the run (and kept in the JSON), so a reader never has to look the targets up.
 */
export interface Figure {
  name: string
  value: number
  unit: string
  /** The target: at least (`>=`) or at most (`<=`) this value. */
  target?: { op: '>=' | '<='; value: number }
  /** What the value was derived from, e.g. "9,151 vs 12,767 req/s". */
  detail?: string
}

export const isMet = (figure: Figure): boolean | undefined =>
  figure.target === undefined ? undefined : figure.target.op === '>=' ? figure.value >= figure.target.value : figure.value <= figure.target.value

const formatValue = (value: number, unit: string) =>
  `${unit === '×' ? value.toFixed(2) : value.toLocaleString('en-US', { maximumFractionDigits: 1 })}${unit === '×' ? '×' : ` ${unit}`}`

export function printFigures(figures: Figure[]): void {
  const width = Math.max(...figures.map((figure) => figure.name.length)) + 2
  for (const figure of figures) {
    const met = isMet(figure)
    const verdict = met === undefined ? '' : met ? 'met' : 'MISSED'
    const target = figure.target ? `${figure.target.op === '>=' ? '≥' : '≤'} ${formatValue(figure.target.value, figure.unit)}` : '—'
    console.log(`${figure.name.padEnd(width)}${formatValue(figure.value, figure.unit).padStart(12)}  target ${target.padEnd(12)}${verdict.padEnd(8)}${figure.detail ?? ''}`)
  }
  const judged = figures.filter((figure) => figure.target)
  const missed = judged.filter((figure) => !isMet(figure))
  console.log(`\n${judged.length - missed.length} of ${judged.length} targets met${missed.length ? `; missed: ${missed.map((figure) => figure.name).join('; ')}` : ''}`)
}
