/** The drift report as text a person reads top to bottom: differences first, coverage after. */
import type { Difference, DriftReport } from './drift.ts'

function describe(d: Difference): string {
  const where = d.side === 'response' ? `${d.status} response` : 'request'
  switch (d.kind) {
    case 'undocumented-status':
      return `undocumented status ${d.status} (documented: ${d.documented})`
    case 'renamed-field':
      return `${where}: field ${d.pointer} is sent as ${d.renamedTo} (e.g. ${d.example})`
    case 'undocumented-field':
      return `${where}: undocumented field ${d.pointer} (e.g. ${d.example})`
    case 'missing-field':
      return `${where}: required ${d.in === 'body' ? 'field' : d.in} ${d.pointer || '(body)'} missing`
    case 'undocumented-header':
      return `${where}: undocumented header ${d.example}`
    case 'missing-header':
      return `${where}: documented header ${d.pointer} missing`
    case 'content-type':
      return `${where}: Content-Type ${d.example} (documented: ${d.documented})`
    default:
      return `${where}: ${d.kind} at ${d.in} ${d.pointer || '(root)'}: documented ${d.documented}, received ${d.example}`
  }
}

export function driftSummary(report: DriftReport): string {
  const lines = [`mockdesk drift report, ${report.generatedAt}`]
  for (const api of report.apis) {
    lines.push('', `${api.api} → ${api.target}: ${api.exchanges} exchange${api.exchanges === 1 ? '' : 's'}`)
    if (api.exchanges === 0) lines.push('  no traffic yet')
    for (const op of api.operations) {
      const statuses = Object.entries(op.statuses).map(([status, count]) => `${status}×${count}`).join(', ')
      lines.push('', `  ${op.operation} (${op.operationId}): ${op.exchanges} exchange${op.exchanges === 1 ? '' : 's'}${statuses ? `, ${statuses}` : ''}`)
      if (op.differences.length === 0) lines.push('    no differences from the spec')
      for (const d of op.differences) lines.push(`    ✗ ${describe(d)} ×${d.count}`)
      const unseen = [
        op.unseen.statuses.length ? `statuses ${op.unseen.statuses.join(', ')}` : '',
        op.unseen.fields.length ? `fields ${op.unseen.fields.map((f) => `${f.pointer} (${f.status})`).join(', ')}` : '',
        op.unseen.headers.length ? `headers ${op.unseen.headers.map((h) => `${h.header} (${h.status})`).join(', ')}` : '',
      ].filter(Boolean)
      if (unseen.length) lines.push(`    documented, not seen yet: ${unseen.join('; ')}`)
    }
    for (const row of api.undocumentedOperations) lines.push('', `  ✗ ${row.method} ${row.path}: no operation in the spec (${row.count}×, statuses ${Object.keys(row.statuses).join(', ') || 'none'})`)
  }
  const total = report.apis.flatMap((a) => a.operations).reduce((n, op) => n + op.differences.length, 0) + report.apis.reduce((n, a) => n + a.undocumentedOperations.length, 0)
  lines.push('', total === 0 ? 'No differences: the traffic matched the spec.' : `${total} difference${total === 1 ? '' : 's'} from the spec.`)
  return `${lines.join('\n')}\n`
}
