import {relative} from 'node:path'
import {evidenceJson, type FileReport} from './report'

/** The JSON contract (README, "JSON output"): zero-based lines, UTF-16 characters. */
export function formatJson(reports: FileReport[], cwd: string): string {
  const json = {
    version: 1,
    files: reports.map((r) => ({
      path: relative(cwd, r.path) || r.path,
      diagnostics: r.messages.map((m) => ({
        range: m.range,
        severity: m.severity,
        code: m.ruleId,
        message: m.reason,
        source: 'briefcheck',
        url: m.url ?? null,
        actual: m.actual ?? null,
        expected: m.expected ?? [],
        evidence: m.evidence.map((e) => evidenceJson(e, cwd)),
      })),
    })),
  }
  return JSON.stringify(json, null, 2) + '\n'
}
