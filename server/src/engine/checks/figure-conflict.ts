import type {DraftAnalysis, SentenceAnalysis} from '../analysis'
import {evidenceFor, sourceLabel} from '../evidence'
import {formatFigure} from '../figures/compare'
import type {Figure} from '../figures/types'
import {alignFigure, bestMatches, isGroupLabel, retrieveCandidates, sameSubject, type Candidates, type FigureMatch} from '../matching/figures'
import {nullClaim, reportedEffect} from '../matching/null-claims'
import type {Evidence, Fix, SuggestedEdit} from '../messages'
import {defineCheck, type CheckMeta, type Report} from './define'
import {outdatedReport} from './outdated-figure'

/** Decision thresholds on alignment scores (tuned by scripts/tune.ts on the tuning sets). */
export const CONFLICT = {
  /** A conflict is reported only when the best alignment is at least this sure. */
  minScore: 0.4,
  /** Two sources disagree only when the words around their figures overlap at least this much, */
  sameSubject: 0.3,
  /** and the disagreeing figure's own neighbourhood matches the draft's at least this much. */
  disagreeWindow: 0.35,
}

export const sourcesDisagree: CheckMeta = {
  id: 'sources-disagree',
  description: 'The draft agrees with one source while another source gives a different figure.',
  defaultSeverity: 'information',
}

export const citationMismatch: CheckMeta = {
  id: 'citation-mismatch',
  description: 'The cited source gives another figure (or none) while a different source supports the draft.',
  defaultSeverity: 'warning',
}

/**
 * Flags a figure (count, length, duration, date, percent, money …) that differs from what
 * every matching source says about the same thing, after normalising units and spelled-out
 * numbers. Also reports `sources-disagree` and `citation-mismatch`, and, as information, a claim
 * of no effect ("made no measurable difference") where a source on the subject reports one.
 *
 * @example ok      Iran-backed forces were to stay at least 53 miles from the border.
 * @example not-ok  Iran-backed forces were to stay at least 40 km from the border.
 */
export const figureConflict = defineCheck(
  {id: 'figure-conflict', description: 'A figure that conflicts with what the corpus sources say about the same thing.', defaultSeverity: 'warning'},
  (s, analysis, report) => {
    if (analysis.corpus.isEmpty) return
    const figures = s.figures.filter((f) => f.dimension !== 'identifier' && !isGroupLabel(s.sentence.analysisText, f))
    const claim = nullClaim(s.sentence.analysisText)
    if (figures.length === 0 && !claim) return
    const candidates = retrieveCandidates(analysis.corpus, s)
    if (candidates.ids.length === 0) return
    if (claim) qualitative(analysis, s, claim, candidates, report)
    for (const figure of figures) {
      const matches = alignFigure(analysis.corpus, s, figure, candidates)
      judge(analysis, s, figure, matches, report)
    }
  },
)

/**
 * A claim of no effect ("made no measurable difference") where a source on the same subject
 * reports one: information only (null-claims.ts says why).
 */
function qualitative(analysis: DraftAnalysis, s: SentenceAnalysis, claim: {start: number; end: number; text: string}, candidates: Candidates, report: (r: Report) => void): void {
  const {corpus} = analysis
  const effect = reportedEffect(corpus, candidates, s.citedSources)
  if (!effect) return
  const way = effect.direction ? ` (a ${effect.direction === 'up' ? 'rise' : 'fall'})` : ''
  report({
    start: s.sentence.toDraftOffset(claim.start),
    end: s.sentence.toDraftOffset(claim.end - 1) + 1,
    severity: 'information',
    reason: `Draft says ${claim.text}; ${sourceLabel(corpus, corpus.sentences[effect.sentence].source)} reports ${formatFigure(effect.figure)}${way}.`,
    actual: claim.text,
    expected: [formatFigure(effect.figure)],
    evidence: [evidenceFor(corpus, effect.sentence, effect.figure.text, false)],
  })
}

function judge(analysis: DraftAnalysis, s: SentenceAnalysis, figure: Figure, matches: FigureMatch[], report: (r: Report) => void): void {
  const {corpus} = analysis
  const source = (m: FigureMatch) => corpus.sentences[m.sentence].source
  const cited = s.citedSources
  const place = figureSpan(s, figure)
  if (cited.length > 0) {
    const citedBest = bestMatches(matches.filter((m) => cited.includes(source(m))))
    const othersBest = bestMatches(matches.filter((m) => !cited.includes(source(m))))
    const citedAgrees = citedBest.some((m) => m.verdict === 'agree')
    const otherAgrees = othersBest.find((m) => m.verdict === 'agree' && m.score >= CONFLICT.minScore)
    if (citedAgrees) {
      disagreeing(analysis, s, figure, citedBest.filter((m) => m.verdict === 'agree'), matches.filter((m) => !cited.includes(source(m))), report)
      return
    }
    if (otherAgrees) {
      const citedLabel = cited.map((c) => sourceLabel(corpus, c)).join(', ')
      const says = citedBest.length > 0 ? `says ${formatFigure(citedBest[0].figure)}` : 'does not give this figure'
      report({
        ruleId: 'citation-mismatch',
        ...place,
        reason: `The cited source ${citedLabel} ${says}; ${sourceLabel(corpus, source(otherAgrees))} supports ${figure.text}`,
        actual: figure.text,
        expected: [corpus.sources[source(otherAgrees)].key],
        evidence: [...citedBest.map((m) => evidenceOf(analysis, m)), evidenceOf(analysis, otherAgrees)],
      })
      return
    }
    if (citedBest.length > 0 && citedBest[0].score >= CONFLICT.minScore) {
      conflict(analysis, s, figure, [...citedBest, ...othersBest.filter((m) => m.verdict === 'disagree')], report)
      return
    }
  }
  const best = bestMatches(matches)
  if (best.length === 0 || best[0].score < CONFLICT.minScore) return
  if (best.some((m) => m.verdict === 'agree') && !outweighed(best)) {
    disagreeing(analysis, s, figure, best.filter((m) => m.verdict === 'agree'), matches, report)
    return
  }
  if (cited.length > 0) return
  conflict(analysis, s, figure, best, report)
}

function conflict(analysis: DraftAnalysis, s: SentenceAnalysis, figure: Figure, matches: FigureMatch[], report: (r: Report) => void): void {
  const {corpus} = analysis
  const perSource = onePerSource(analysis, matches.filter((m) => m.verdict === 'disagree'))
  if (perSource.length === 0) return
  const change = (m: FigureMatch) => (m.reversed ? ` (a ${m.reversed === 'up' ? 'rise' : 'fall'})` : '')
  const says = perSource.map((m) => `${sourceLabel(corpus, corpus.sentences[m.sentence].source)} says ${formatFigure(m.figure)}${change(m)}`)
  const draftChange = perSource.some((m) => m.reversed) ? ` (a ${perSource.find((m) => m.reversed)!.reversed === 'up' ? 'fall' : 'rise'})` : ''
  const place = figureSpan(s, figure)
  const edits: SuggestedEdit[] = perSource.map((m) => ({
    title: `Replace ${figure.text.slice(figure.valueStart - figure.start, figure.valueEnd - figure.start)} with ${formatFigure(m.figure)} (per ${corpus.sources[corpus.sentences[m.sentence].source].key})`,
    start: s.sentence.toDraftOffset(figure.valueStart),
    end: s.sentence.toDraftOffset(figure.valueEnd - 1) + 1,
    text: formatFigure(m.figure),
  }))
  report({
    ...place,
    reason: `Draft says ${figure.text}${draftChange}; ${says.join('; ')}.`,
    actual: figure.text,
    expected: perSource.map((m) => formatFigure(m.figure)),
    evidence: perSource.map((m) => evidenceOf(analysis, m)),
    fixes: [
      ...edits.map((e, i): Fix => ({kind: 'replace', ...e, preferred: i === 0})),
      {kind: 'cite', keys: [...new Set(perSource.map((m) => corpus.sources[corpus.sentences[m.sentence].source].key))]},
    ],
  })
}

/** The draft agrees with `agreeing`; report sources among `others` that say otherwise. */
function disagreeing(analysis: DraftAnalysis, s: SentenceAnalysis, figure: Figure, agreeing: FigureMatch[], others: FigureMatch[], report: (r: Report) => void): void {
  const {corpus} = analysis
  if (agreeing.length === 0) return
  // A source that also states the draft's value somewhere does not disagree with it: "the fare
  // rises from $2.50 to $2.90" gives both figures.
  const agreeSources = new Set(
    [...agreeing, ...others.filter((m) => m.verdict === 'agree' && m.score >= CONFLICT.minScore)].map((m) => corpus.sentences[m.sentence].source),
  )
  const against = onePerSource(
    analysis,
    others.filter(
      (m) =>
        m.verdict === 'disagree' &&
        m.score >= CONFLICT.minScore &&
        m.windowScore >= CONFLICT.disagreeWindow &&
        sameGranularity(agreeing[0].figure, m.figure) &&
        !agreeSources.has(corpus.sentences[m.sentence].source) &&
        sameSubject(corpus, agreeing[0], m) >= CONFLICT.sameSubject,
    ),
  )
  if (against.length === 0) return
  const allAgreeing = [...agreeing, ...others.filter((m) => m.verdict === 'agree' && m.score >= CONFLICT.minScore)]
  const outdated = outdatedReport(analysis, figureSpan(s, figure), figure, allAgreeing, against)
  if (outdated) report(outdated)
  const first = agreeing[0]
  report({
    ruleId: 'sources-disagree',
    ...figureSpan(s, figure),
    reason: `Sources disagree: ${sourceLabel(corpus, corpus.sentences[first.sentence].source)} says ${formatFigure(first.figure)} as the draft does; ${against
      .map((m) => `${sourceLabel(corpus, corpus.sentences[m.sentence].source)} says ${formatFigure(m.figure)}`)
      .join('; ')}.`,
    actual: figure.text,
    expected: against.map((m) => formatFigure(m.figure)),
    evidence: [evidenceOf(analysis, first), ...against.map((m) => evidenceOf(analysis, m))],
  })
}

function onePerSource(analysis: DraftAnalysis, matches: FigureMatch[]): FigureMatch[] {
  const seen = new Set<number>()
  const out: FigureMatch[] = []
  for (const m of matches) {
    const source = analysis.corpus.sentences[m.sentence].source
    if (seen.has(source)) continue
    seen.add(source)
    out.push(m)
  }
  return out
}

function evidenceOf(analysis: DraftAnalysis, m: FigureMatch): Evidence {
  return evidenceFor(analysis.corpus, m.sentence, m.figure.text, m.verdict === 'agree')
}

function figureSpan(s: SentenceAnalysis, figure: Figure): {start: number; end: number} {
  return {start: s.sentence.toDraftOffset(figure.start), end: s.sentence.toDraftOffset(figure.end - 1) + 1}
}

/** Dates given to the same precision (year, month or day), or two non-dates. */
function sameGranularity(a: Figure, b: Figure): boolean {
  if (a.dimension !== 'date' || b.dimension !== 'date') return true
  const level = (f: Figure) => (f.date?.day !== undefined ? 3 : f.date?.month !== undefined ? 2 : 1)
  return level(a) === level(b)
}

/**
 * The best match states an exact value that differs, and the draft agrees only with weaker
 * matches that give a bound or an approximation ("up to 5.6 points" against the exact "5.6
 * points" the draft contradicts): the exact statement decides.
 */
function outweighed(best: FigureMatch[]): boolean {
  const top = best[0]
  if (top.verdict !== 'disagree' || top.figure.approx !== 'exact' || top.figure.low !== undefined) return false
  return best.filter((m) => m.verdict === 'agree').every((m) => m.figure.approx !== 'exact' && m.score < top.score)
}
