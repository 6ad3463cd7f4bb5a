import {isAccepted, type AcceptedClaim} from '../accepted'
import type {SentenceAnalysis} from '../analysis'
import type {CheckResult} from '../check'
import {evidenceFor} from '../evidence'
import {terms} from '../index/terms'
import type {BriefcheckMessage, DraftPlace, Evidence, Severity} from '../messages'
import type {Range} from '../text/positions'

/** Version of the report's data (the JSON form): raised when a field changes meaning. */
export const REPORT_VERSION = 1

/**
 * What a reviewer needs to know about one claim, worst first: the order in which statuses
 * are listed, counted and chosen when a claim has several findings.
 */
export const CLAIM_STATUSES = ['conflicting', 'quote-differs', 'cited-unsupported', 'sources-disagree', 'uncited', 'accepted', 'supported'] as const
export type ClaimStatus = (typeof CLAIM_STATUSES)[number]

/** Labels for people (HTML report, panel). */
export const STATUS_LABELS: Record<ClaimStatus, string> = {
  conflicting: 'Conflicting',
  'quote-differs': 'Quote differs',
  'cited-unsupported': 'Cited but unsupported',
  'sources-disagree': 'Sources disagree',
  uncited: 'Uncited',
  accepted: 'Accepted',
  supported: 'Supported',
}

/** Which status each finding gives its claim. */
const STATUS_OF_RULE: Record<string, ClaimStatus> = {
  'figure-conflict': 'conflicting',
  'inconsistent-figure': 'conflicting',
  'quote-mismatch': 'quote-differs',
  'quote-not-found': 'quote-differs',
  'citation-mismatch': 'cited-unsupported',
  'unknown-citation': 'cited-unsupported',
  'sources-disagree': 'sources-disagree',
  'outdated-figure': 'sources-disagree',
  'uncited-claim': 'uncited',
}

/** A finding on a claim, as the report shows it. */
export interface ReportFinding {
  ruleId: string
  severity: Severity
  message: string
  url?: string
  range: Range
  start: number
  end: number
  actual?: string
  expected: string[]
  evidence: Evidence[]
  related: DraftPlace[]
}

/** A citation written in the claim and what it resolved to. */
export interface ReportCitation {
  text: string
  /** The corpus source's key, when it resolved to one. */
  key?: string
  resolved: 'source' | 'external' | 'unknown'
}

/** One claim of the draft, in document order. */
export interface ReportClaim {
  /** Stable within one report: `c1`, `c2`… in document order. */
  id: string
  text: string
  start: number
  end: number
  range: Range
  section?: string
  status: ClaimStatus
  /** Why the status holds, in one line. */
  statusNote: string
  citations: ReportCitation[]
  findings: ReportFinding[]
  /** The passage of a cited source that best supports the claim (status `supported`). */
  passage?: Evidence
}

export type StatusCounts = Record<ClaimStatus, number>

/** The whole review of one draft. */
export interface DraftReport {
  version: typeof REPORT_VERSION
  claims: ReportClaim[]
  summary: {total: number; byStatus: StatusCounts; sections: Array<{section: string; total: number; byStatus: StatusCounts}>}
}

/**
 * Share of the claim's content words a cited passage must hold to count as support: enough
 * that the passage is about what the claim says, as a reader would judge from a glance.
 */
export const SUPPORT_COVERAGE = 0.4

/**
 * Builds the review of a checked draft: every claim (and every other sentence with a finding)
 * in document order with its status, findings and evidence, and counts by status overall and
 * per section. Works on the check's result only, so the CLI, the server and tests build the
 * same report from the same findings.
 */
export function buildReport(result: CheckResult, accepted: AcceptedClaim[] = []): DraftReport {
  const {analysis, messages} = result
  const text = analysis.draft.text
  const claims: ReportClaim[] = []
  let m = 0
  for (const s of analysis.sentences) {
    const {start, end} = s.sentence
    // Messages are sorted by offset and sentences come in document order: one pass over both.
    while (m < messages.length && messages[m].startOffset < start) m++
    const own: BriefcheckMessage[] = []
    for (let k = m; k < messages.length && messages[k].startOffset < end; k++) own.push(messages[k])
    if (!s.verdict.claim && own.length === 0) continue
    const findings = own.map(toFinding)
    const status = statusOf(s, own, text, accepted, analysis)
    claims.push({
      id: `c${claims.length + 1}`,
      text: s.sentence.text.trim(),
      start,
      end,
      range: s.sentence.range,
      section: s.sentence.section,
      citations: s.citations.map((c) => ({
        text: text.slice(c.citation.start, c.citation.end),
        key: c.resolution.status === 'source' ? analysis.corpus.sources[c.resolution.source].key : undefined,
        resolved: c.resolution.status === 'source' ? 'source' : c.resolution.status === 'external' ? 'external' : 'unknown',
      })),
      findings,
      ...status,
    })
  }
  return {version: REPORT_VERSION, claims, summary: summarise(claims)}
}

function toFinding(m: BriefcheckMessage): ReportFinding {
  return {
    ruleId: m.ruleId,
    severity: m.severity,
    message: m.reason,
    url: m.url ?? undefined,
    range: m.range,
    start: m.startOffset,
    end: m.endOffset,
    actual: m.actual ?? undefined,
    expected: m.expected ?? [],
    evidence: m.evidence,
    related: m.related,
  }
}

function statusOf(
  s: SentenceAnalysis,
  own: BriefcheckMessage[],
  text: string,
  accepted: AcceptedClaim[],
  analysis: CheckResult['analysis'],
): {status: ClaimStatus; statusNote: string; passage?: Evidence} {
  const ruled = own.map((x) => STATUS_OF_RULE[x.ruleId]).filter((x): x is ClaimStatus => Boolean(x))
  if (ruled.length > 0) {
    const worst = CLAIM_STATUSES.find((st) => ruled.includes(st))!
    const first = own.find((x) => STATUS_OF_RULE[x.ruleId] === worst)!
    return {status: worst, statusNote: first.reason}
  }
  const sentenceText = text.slice(s.sentence.start, s.sentence.end)
  if (s.citations.length === 0) {
    const byList = isAccepted(sentenceText, accepted, 'uncited-claim')
    return {status: 'accepted', statusNote: byList ? 'Accepted as common knowledge (.briefcheck/accepted.json).' : 'Uncited, silenced by a briefcheck-disable comment.'}
  }
  if (s.citedSources.length === 0) {
    return {status: 'cited-unsupported', statusNote: 'Cited to a source outside the corpus: nothing here can confirm it.'}
  }
  const passage = supportingPassage(s, analysis)
  if (!passage) return {status: 'cited-unsupported', statusNote: 'No passage of the cited source matches this claim.'}
  return {status: 'supported', statusNote: `Supported by ${passage.title}.`, passage}
}

/** The retrieved passage of a cited source that covers most of the claim's words. */
function supportingPassage(s: SentenceAnalysis, analysis: CheckResult['analysis']): Evidence | undefined {
  const {corpus} = analysis
  const mine = new Set(terms(s.sentence.analysisText))
  if (mine.size === 0) return undefined
  let best: {id: number; coverage: number} | undefined
  for (const hit of corpus.retrieve(s.sentence.analysisText, 40)) {
    if (!s.citedSources.includes(corpus.sentences[hit.sentence].source)) continue
    const theirs = new Set(corpus.termsOf(hit.sentence))
    let shared = 0
    for (const t of mine) if (theirs.has(t)) shared++
    const coverage = shared / mine.size
    if (!best || coverage > best.coverage) best = {id: hit.sentence, coverage}
  }
  if (!best || best.coverage < SUPPORT_COVERAGE) return undefined
  return evidenceFor(corpus, best.id, undefined, true)
}

function zeroCounts(): StatusCounts {
  return Object.fromEntries(CLAIM_STATUSES.map((s) => [s, 0])) as StatusCounts
}

function summarise(claims: ReportClaim[]): DraftReport['summary'] {
  const byStatus = zeroCounts()
  const sections = new Map<string, {section: string; total: number; byStatus: StatusCounts}>()
  for (const c of claims) {
    byStatus[c.status]++
    const name = c.section ?? '(before the first heading)'
    const row = sections.get(name) ?? {section: name, total: 0, byStatus: zeroCounts()}
    row.total++
    row.byStatus[c.status]++
    sections.set(name, row)
  }
  return {total: claims.length, byStatus, sections: [...sections.values()]}
}
