import type {DraftAnalysis} from '../analysis'
import {createMessage, type BriefcheckMessage, type Evidence, type Severity, type SuggestedEdit} from '../messages'

/** Where each check is documented: a section of the README, anchored by the check id. */
export const DOCS_BASE = 'https://github.com/briefcheck/briefcheck#'

export function docs(id: string): string {
  return `${DOCS_BASE}${id}`
}

export interface CheckMeta {
  id: string
  /** One line for settings and the README. */
  description: string
  defaultSeverity: Severity
}

export interface Report {
  start: number
  end: number
  reason: string
  actual?: string
  expected?: string[]
  note?: string
  evidence?: Evidence[]
  edits?: SuggestedEdit[]
  /** Overrides the check's default, e.g. a quote found nowhere is only information. */
  severity?: Severity
  /** A check may report under a sibling id (figure checks report `sources-disagree`). */
  ruleId?: string
}

export interface Check extends CheckMeta {
  run(analysis: DraftAnalysis, report: (r: Report) => void): void
}

/**
 * Declares a check: its id (= file name = ruleId = setting key), its default severity and
 * its run function. `runCheck` stamps ruleId, source and url on every message it reports,
 * as remark-lint's unified-lint-rule does.
 */
export function defineCheck(meta: CheckMeta, run: Check['run']): Check {
  return {...meta, run}
}

export function runCheck(check: Check, analysis: DraftAnalysis, known: Map<string, CheckMeta>): BriefcheckMessage[] {
  const out: BriefcheckMessage[] = []
  check.run(analysis, (r) => {
    const ruleId = r.ruleId ?? check.id
    const meta = known.get(ruleId) ?? check
    const configured = analysis.config.rules[ruleId]
    if (configured === 'off') return
    const severity = configured ?? r.severity ?? meta.defaultSeverity
    out.push(
      createMessage(
        r.reason,
        {
          ruleId,
          severity,
          url: docs(ruleId),
          start: r.start,
          end: r.end,
          actual: r.actual,
          expected: r.expected,
          note: r.note,
          evidence: r.evidence,
          edits: r.edits,
        },
        analysis.draft.lines,
      ),
    )
  })
  return out
}
