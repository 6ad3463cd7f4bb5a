import {relative} from 'node:path'
import type {FileReport} from './report'
import {agreement} from '../engine/evidence'

/** `file:line:col: severity code: message` (one-based, for humans), evidence indented below. */
export function formatText(reports: FileReport[], cwd: string): string {
  const lines: string[] = []
  for (const report of reports) {
    const path = relative(cwd, report.path) || report.path
    for (const m of report.messages) {
      lines.push(`${path}:${m.range.start.line + 1}:${m.range.start.character + 1}: ${m.severity} ${m.ruleId}: ${m.reason}`)
      for (const e of m.evidence) {
        const where = `${relative(cwd, e.path) || e.path}:${e.range.start.line + 1}:${e.range.start.character + 1}${e.page !== undefined ? ` (p. ${e.page})` : ''}`
        const mark = agreement(e)
        lines.push(`    ${mark}: ${where} ${e.key}: ${clip(e.text, 200)}`)
      }
    }
  }
  const counts = count(reports)
  lines.push(`${counts.total} finding${counts.total === 1 ? '' : 's'} (${counts.summary}) in ${reports.length} file${reports.length === 1 ? '' : 's'}`)
  return lines.join('\n') + '\n'
}

function count(reports: FileReport[]) {
  const bySeverity = new Map<string, number>()
  let total = 0
  for (const r of reports)
    for (const m of r.messages) {
      total++
      bySeverity.set(m.severity, (bySeverity.get(m.severity) ?? 0) + 1)
    }
  const order = ['error', 'warning', 'information', 'hint']
  const plural = (s: string, n: number) => (n === 1 || s === 'information' ? s : `${s}s`)
  const summary = order.filter((s) => bySeverity.has(s)).map((s) => `${bySeverity.get(s)} ${plural(s, bySeverity.get(s)!)}`).join(', ') || 'none'
  return {total, summary}
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…'
}
