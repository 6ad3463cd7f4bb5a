import type {DraftAnalysis, SentenceAnalysis} from '../analysis'
import {createMessage, type BriefcheckMessage, type Evidence, type Fix, type Severity} from '../messages'
import type {Pausable} from '../slices'

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
  /** What the writer can do about it, as data (see `Fix`). */
  fixes?: Fix[]
  /** Overrides the check's default, e.g. a quote found nowhere is only information. */
  severity?: Severity
  /** A check may report under a sibling id (figure checks report `sources-disagree`). */
  ruleId?: string
  /** Other places of the draft the finding is about. */
  related?: Array<{start: number; end: number; message: string}>
}

export interface Check extends CheckMeta {
  /**
   * Checks one sentence. Checks are per sentence so that a re-check can reuse the findings
   * of every sentence an edit did not touch (see sentence-cache.ts).
   */
  check(s: SentenceAnalysis, analysis: DraftAnalysis, report: (r: Report) => void): void
}

/**
 * Declares a check: its id (= file name = ruleId = setting key), its default severity and
 * its per-sentence function. `toMessage` stamps ruleId, source and url on every message, as
 * remark-lint's unified-lint-rule does.
 */
export function defineCheck(meta: CheckMeta, check: Check['check']): Check {
  return {...meta, check}
}

/**
 * A check over the whole draft rather than one sentence: it compares sentences with each
 * other (inconsistent-figure), so it runs on every check after the per-sentence ones, and
 * reads only the analysis (no corpus search), which keeps it cheap. It is pausable work
 * (slices.ts), yielding between bounded pieces (a sentence, a pair of figures): on a long
 * draft it is too much work for one turn of the language server's event loop (issue #12).
 */
export interface DraftCheck extends CheckMeta {
  checkDocument(analysis: DraftAnalysis, report: (r: Report) => void): Pausable<void>
}

/** Declares a whole-draft check (see DraftCheck). */
export function defineDraftCheck(meta: CheckMeta, checkDocument: DraftCheck['checkDocument']): DraftCheck {
  return {...meta, checkDocument}
}

/** Runs the whole-draft checks, pausing where they do; reports of rules configured `off` are dropped. */
export function* checkingDocument(checks: DraftCheck[], analysis: DraftAnalysis): Pausable<FiledReport[]> {
  const out: FiledReport[] = []
  for (const check of checks) {
    if (analysis.config.rules[check.id] === 'off') continue
    yield* check.checkDocument(analysis, (r) => out.push({...r, ruleId: r.ruleId ?? check.id}))
  }
  return out
}

/** A report with the rule it is filed under. */
export type FiledReport = Report & {ruleId: string}

/** Runs every check on one sentence; reports of rules configured `off` are dropped. */
export function checkSentence(checks: Check[], s: SentenceAnalysis, analysis: DraftAnalysis): FiledReport[] {
  const out: FiledReport[] = []
  for (const check of checks) {
    check.check(s, analysis, (r) => {
      const ruleId = r.ruleId ?? check.id
      if (analysis.config.rules[ruleId] !== 'off') out.push({...r, ruleId})
    })
  }
  return out
}

/** Turns a report into a message with its severity, url and range. */
export function toMessage(r: FiledReport, analysis: DraftAnalysis, known: Map<string, CheckMeta>): BriefcheckMessage {
  const meta = known.get(r.ruleId)
  const severity = analysis.config.rules[r.ruleId] ?? r.severity ?? meta?.defaultSeverity ?? 'warning'
  return createMessage(
    r.reason,
    {
      ruleId: r.ruleId,
      severity: severity === 'off' ? 'hint' : severity,
      url: docs(r.ruleId),
      start: r.start,
      end: r.end,
      actual: r.actual,
      expected: r.expected,
      note: r.note,
      evidence: r.evidence,
      fixes: r.fixes,
      related: r.related,
    },
    analysis.draft.lines,
  )
}
