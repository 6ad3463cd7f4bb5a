import type {Evidence} from '../engine/messages'
import {REPORT_VERSION} from '../engine/report/model'
import type {ReportPage} from './html'

/**
 * The review as JSON for other tools: the same data as the HTML page (`version`, then per
 * draft its summary and claims with findings and evidence), positions zero-based lines and
 * UTF-16 characters as in `briefcheck check --format json`, paths shown by `displayPath`.
 */
export function renderJson(pages: ReportPage[], displayPath: (path: string) => string = (p) => p): string {
  const evidence = (e: Evidence) => ({...e, path: displayPath(e.path), author: e.author ?? null, date: e.date ?? null, asOf: e.asOf ?? null})
  const json = {
    version: REPORT_VERSION,
    drafts: pages.map((p) => ({
      path: p.path,
      summary: p.report.summary,
      claims: p.report.claims.map((c) => ({
        ...c,
        passage: c.passage ? evidence(c.passage) : null,
        findings: c.findings.map((f) => ({...f, evidence: f.evidence.map(evidence)})),
      })),
    })),
  }
  return JSON.stringify(json, null, 2) + '\n'
}
