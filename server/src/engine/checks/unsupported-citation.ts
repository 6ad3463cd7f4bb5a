import type {DraftAnalysis, SentenceAnalysis} from '../analysis'
import type {CorpusView as Corpus} from '../store/types'
import {evidenceFor, sourceLabel} from '../evidence'
import type {Evidence} from '../messages'
import {terms} from '../index/terms'
import {defineCheck, type Report} from './define'

/**
 * Decision thresholds (tuned on the tuning fixture sets only; see tests/fixtures/README.md).
 * Precision matters more than recall here (issue #14): a writer told that a correct citation
 * is wrong stops trusting every other finding.
 */
export const SUPPORT = {
  /** Another source "covers" the claim when one passage holds this IDF-weighted share of its words */
  otherCoverage: 0.5,
  /** and at least this share of its names and numbers. */
  otherAnchors: 0.5,
  /** The cited passage says the opposite only when it covers the claim at least this well. */
  oppositeCoverage: 0.6,
  /**
   * A cited passage holding this share of the claim's words is about the claim even without its
   * names or numbers (a figure it gives differently is citation-mismatch, not this check).
   */
  citedCoverage: 0.35,
  /** and holds its names and numbers (in the sentence itself, or most of them around it). */
  oppositeAnchors: 0.8,
  /** A negation in the cited passage counts only when the passage restates the claim this closely. */
  negatedCoverage: 0.8,
  /** Weight of a word found only next to the passage's sentence or in its source's title. */
  contextWeight: 0.6,
  /** Fewer content words than this: too little to judge. */
  minTerms: 3,
}

const NEGATION = /\b(?:not|no|never|neither|nor|none|without)\b|n[’']t\b/i
// A claim that itself denies or lacks something ("Moscow lacked any means") is not contradicted
// by a passage that says "has no means": only claims free of negative words are compared.
const NEGATIVE_CLAIM = /\b(?:not|no|never|neither|nor|none|without|lack(?:s|ed|ing)?|fail(?:s|ed|ing|ure)?|refus(?:e|es|ed|ing)|den(?:y|ied|ies)|unable|absent|rarely|little|few)\b|n[’']t\b/i
const DIRECTIONS = ['increas', 'decreas'] as const
/** Corpus sentences retrieved per claim (BM25), as figure-conflict does: one cached query. */
const RETRIEVED = 40

/**
 * Flags a claim whose cited source does not back it: the cited source (at the cited page, when
 * the citation gives one) holds none of the claim's names, dates or numbers while another source
 * covers the claim (that source is named), or the cited passage that covers the claim says the
 * opposite (a change in the other direction, or a negation the claim lacks). Figures that the
 * cited source states differently are `citation-mismatch` (figure-conflict.ts), not this check.
 *
 * @example ok      The Tolland grid shed 900 MW on 7 February [@grid-review-2023].
 * @example not-ok  The Tolland grid shed 900 MW on 7 February [@unrelated-budget-note].
 */
export const unsupportedCitation = defineCheck(
  {id: 'unsupported-citation', description: 'The cited source does not cover the claim (another source does) or says the opposite.', defaultSeverity: 'information'},
  (s, analysis, report) => {
    const {corpus} = analysis
    if (corpus.isEmpty || !s.verdict.claim || s.citedSources.length === 0) return
    const claim = claimContent(s)
    if (claim.terms.size < SUPPORT.minTerms || claim.anchors.size === 0) return
    const pages = citedPages(s)
    const mentioned = s.citedSources.some((source) => mentionsAnchor(corpus, claim, source, pages.get(source)))
    // A cited source that names the claim's people or numbers is read further only for a claim
    // that gives a direction or a figure (whose retrieval figure-conflict has already paid for):
    // retrieving for every cited sentence cost a tenth of a check (measured on the devset).
    if (mentioned && DIRECTIONS.filter((d) => claim.terms.has(d)).length !== 1 && s.figures.length === 0) return
    // Passages of the cited sources among the sentences retrieved for the claim: the only ones
    // that could restate it (a full scan of every cited source cost 40% of a check, measured).
    const retrieved = corpus.retrieve(s.sentence.analysisText, RETRIEVED)
    const inCited = (id: number) => {
      const {source, page} = corpus.sentences[id]
      const pinned = pages.get(source)
      return s.citedSources.includes(source) && (pinned === undefined || page === undefined || page === pinned)
    }
    const cited = retrieved.filter((h) => inCited(h.sentence)).map((h) => passageScore(corpus, claim, h.sentence))
    if (mentioned || cited.some((p) => p.coverage >= SUPPORT.citedCoverage) || bySource(corpus) === undefined) {
      opposite(analysis, s, claim, cited, report)
      return
    }
    const other = retrieved.slice(0, 20)
      .filter((h) => !s.citedSources.includes(corpus.sentences[h.sentence].source))
      .map((h) => passageScore(corpus, claim, h.sentence))
      .filter((p) => p.coverage >= SUPPORT.otherCoverage && p.anchorShare >= SUPPORT.otherAnchors)
      .sort((a, b) => b.coverage - a.coverage)[0]
    if (!other) return
    const citedLabel = s.citedSources.map((c) => sourceLabel(corpus, c)).join(', ')
    const where = pages.size > 0 ? ' at the cited page' : ''
    const otherSource = corpus.sentences[other.sentence].source
    report({
      start: s.sentence.start,
      end: s.sentence.end,
      reason: `The cited source ${citedLabel}${where} mentions none of ${[...claim.anchorWords].slice(0, 4).join(', ')}; ${sourceLabel(corpus, otherSource)} covers this claim`,
      expected: [corpus.sources[otherSource].key],
      fixes: [{kind: 'cite', keys: [corpus.sources[otherSource].key], preferred: true}],
      evidence: [...citedEvidence(corpus, s.citedSources, cited, pages), evidenceFor(corpus, other.sentence, undefined, true)],
    })
  },
)

interface ClaimContent {
  /** Content terms of the claim (stemmed, stop words out). */
  terms: Set<string>
  /** Terms of its names (capitalised words past the first) and numbers: the checkable part. */
  anchors: Set<string>
  /** The same, as written, for the message. */
  anchorWords: Set<string>
}

// Capitalised words and numbers; the first word of the sentence is capitalised anyway.
const ANCHOR = /\b(?:\p{Lu}[\p{L}’'-]+|\d[\d,.]*)/gu

function claimContent(s: SentenceAnalysis): ClaimContent {
  const text = s.sentence.analysisText
  const anchors = new Set<string>()
  const anchorWords = new Set<string>()
  for (const m of text.matchAll(ANCHOR)) {
    if (m.index === text.search(/\S/)) continue
    const term = terms(m[0])[0]
    if (term === undefined) continue
    anchors.add(term)
    anchorWords.add(m[0].replace(/[.,]$/, ''))
  }
  return {terms: new Set(terms(text)), anchors, anchorWords}
}

/** Pin-cites per cited source: `[@key, p. 7]` → 7. */
function citedPages(s: SentenceAnalysis): Map<number, number> {
  const out = new Map<number, number>()
  for (const {citation, resolution} of s.citations) {
    const page = citation.locator ? /\d+/.exec(citation.locator)?.[0] : undefined
    if (resolution.status === 'source' && page) out.set(resolution.source, Number(page))
  }
  return out
}

/**
 * Sentence ids by source, or undefined when the view holds only some sentences (a database
 * store's view holds the retrieved ones and their neighbours): "the cited source names none of
 * it" cannot be judged from part of a source, so that branch is then skipped.
 */
function bySource(corpus: Corpus): Map<number, number[]> | undefined {
  // null, not undefined, for "sparse": memo recomputes an undefined value on every call.
  return corpus.memo<Map<number, number[]> | null>('unsupported-citation:by-source', 0, () => {
    const out = new Map<number, number[]>()
    for (let id = 0; id < corpus.sentences.length; id++) {
      const sentence = corpus.sentences[id]
      if (sentence === undefined) return null
      let list = out.get(sentence.source)
      if (!list) out.set(sentence.source, list = [])
      list.push(id)
    }
    return out
  }) ?? undefined
}

/** A source's sentence ids (on one page when `page` is set and the source has pages). */
function sentencesOf(corpus: Corpus, source: number, page?: number): number[] {
  // A view that knows its sources' ranges answers at once: the map over every corpus sentence
  // built 800,000 sentence objects at 10,000 briefs, 2 s of a first check (profiled, issue #15).
  const range = corpus.sentenceRange?.(source)
  const all = range ? Array.from({length: range.end - range.first}, (_, k) => range.first + k) : (bySource(corpus)?.get(source) ?? [])
  if (page === undefined || !all.some((id) => corpus.sentences[id].page !== undefined)) return all
  return all.filter((id) => corpus.sentences[id].page === page)
}

interface Passage {
  sentence: number
  /** IDF-weighted share of the claim's terms the passage (sentence and its neighbours) holds. */
  coverage: number
  /** Share of the claim's anchors it holds. */
  anchorShare: number
}

function passageScore(corpus: Corpus, claim: ClaimContent, id: number): Passage {
  const here = corpus.termsOf(id)
  const {source, page} = corpus.sentences[id]
  // Neighbours on the same page of the same source: a pin-cite names one page.
  const near = (k: number) => (corpus.sentences[k]?.source === source && corpus.sentences[k].page === page ? corpus.termsOf(k) : undefined)
  // A word in the sentence itself counts fully; in a neighbour or the title, as context (sources
  // name their subject once), so the passage centred on the claim's sentence ranks first.
  const has = (t: string) => here.has(t) ? 1 : near(id - 1)?.has(t) === true || near(id + 1)?.has(t) === true ||
    corpus.titleTermsOf(source).includes(t) ? SUPPORT.contextWeight : 0
  let total = 0
  let shared = 0
  for (const t of claim.terms) {
    const w = corpus.index.idf(t)
    total += w
    shared += w * has(t)
  }
  let anchors = 0
  for (const a of claim.anchors) anchors += has(a)
  return {sentence: id, coverage: total === 0 ? 0 : shared / total, anchorShare: anchors / claim.anchors.size}
}

/** Whether the source (on the cited page, if any) or its title holds any of the claim's anchors. */
function mentionsAnchor(corpus: Corpus, claim: ClaimContent, source: number, page?: number): boolean {
  const title = corpus.titleTermsOf(source)
  if ([...claim.anchors].some((a) => title.includes(a))) return true
  // Terms straight from the text, not through corpus.termsOf: filling that bounded per-sentence
  // cache with whole sources evicted the retrieved sentences figure-conflict reads (measured).
  const termsOfPage = (p?: number) => {
    const out = new Set<string>()
    for (const id of sentencesOf(corpus, source, p)) for (const term of terms(corpus.sentences[id].text)) out.add(term)
    return out
  }
  const all = corpus.memo('unsupported-citation:source-terms', source, () => termsOfPage())
  if (![...claim.anchors].some((a) => all.has(a))) return false
  if (page === undefined) return true
  const onPage = corpus.memo('unsupported-citation:page-terms', source * 10_000 + page, () => termsOfPage(page))
  return [...claim.anchors].some((a) => onPage.has(a))
}

/** Reports a cited passage that covers the claim but runs the other way or negates it. */
function opposite(analysis: DraftAnalysis, s: SentenceAnalysis, claim: ClaimContent, cited: Passage[], report: (r: Report) => void): void {
  const {corpus} = analysis
  for (const p of [...cited].sort((a, b) => b.anchorShare - a.anchorShare || b.coverage - a.coverage)) {
    if (p.coverage < SUPPORT.oppositeCoverage || p.anchorShare < SUPPORT.oppositeAnchors) continue
    const text = corpus.sentences[p.sentence].text
    const passage = corpus.termsOf(p.sentence)
    const claimWay = DIRECTIONS.filter((d) => claim.terms.has(d))
    const sourceWay = DIRECTIONS.filter((d) => passage.has(d))
    const reversed = claimWay.length === 1 && sourceWay.length === 1 && claimWay[0] !== sourceWay[0]
    const negated = !NEGATIVE_CLAIM.test(s.sentence.analysisText) && NEGATION.test(text) && p.coverage >= SUPPORT.negatedCoverage
    if (!reversed && !negated) continue
    report({
      start: s.sentence.start,
      end: s.sentence.end,
      reason: `The cited source ${sourceLabel(corpus, corpus.sentences[p.sentence].source)} says the opposite: ${reversed ? `it reports a ${sourceWay[0] === 'increas' ? 'rise' : 'fall'}` : 'it negates this'}`,
      evidence: [evidenceFor(corpus, p.sentence, undefined, false)],
    })
    return
  }
}

/** The cited passages checked: the best retrieved one per cited source, else its first sentence. */
function citedEvidence(corpus: Corpus, sources: number[], cited: Passage[], pages: Map<number, number>): Evidence[] {
  return sources.flatMap((source) => {
    const best = cited.filter((p) => corpus.sentences[p.sentence].source === source).sort((a, b) => b.coverage - a.coverage)[0]
    const id = best?.sentence ?? sentencesOf(corpus, source, pages.get(source))[0]
    return id === undefined ? [] : [evidenceFor(corpus, id, undefined, false)]
  })
}
