import type {SentenceAnalysis} from '../analysis'
import type {CorpusView as Corpus} from '../store/types'
import {compareFigures} from '../figures/compare'
import type {Figure} from '../figures/types'
import {normaliseTerm, terms} from '../index/terms'
import {tokenize, windowTerms, type Token, type Window} from './words'
import {directionOf, type Direction} from './direction'
import {anchoredChanges, anchoredEnds, changePartner} from './endpoints'
import {countedNoun, ownRegions, partitiveWhole} from './roles'
import {hasRelated, relatedWeight} from './related-words'
import {cellTerms, corpusCellHeaders, namesColumn, retrievalText, sameRow, withHeaders, withRowCells} from './table-cells'

/** A corpus figure aligned with a draft figure: which sentence, how well, and the verdict. */
export interface FigureMatch {
  sentence: number
  figure: Figure
  /** 0..1: how surely the two figures speak of the same thing. */
  score: number
  /** The part of the score from the words around the two figures alone. */
  windowScore: number
  /**
   * The overlap of the words each figure owns in a list of parallel results (roles.ts); the
   * window score when neither sentence lists parallel results.
   */
  roleScore: number
  verdict: 'agree' | 'disagree'
  /**
   * Set when the values agree but the change runs the other way ("rose 5%" against "fell 5%"):
   * the source's direction. The verdict is then 'disagree'.
   */
  reversed?: Direction
}

/**
 * Tuning of the alignment, in one place. Scores are IDF-weighted shares of the draft's words
 * found in the corpus sentence (whole sentence, and a window around the figure).
 */
export const ALIGNMENT = {
  /** Corpus sentences retrieved per draft sentence (BM25). */
  candidates: 40,
  /** Words either side of a figure that say what it measures. */
  window: 18,
  /** Weight kept per word of distance from the figure, and for a word in another clause. */
  decay: 0.9,
  otherClause: 0.5,
  /** Credit for two words that share a five-letter stem prefix ("inclusion"/"included"). */
  prefixMatch: 0.7,
  /**
   * Credit for two words WordNet relates (related-words.ts: "lend" / "loan", "jobless" /
   * "unemployed"): less than the same word, since a related word may be another sense.
   */
  relatedMatch: 0.3,
  /** Weight of the sentence-level overlap against the window-level one. */
  sentenceWeight: 0.5,
  /** Below this a corpus figure is not about the same thing at all. */
  minScore: 0.3,
  /** Only one of the two figures names what it counts: a weaker match. */
  nounMismatchPenalty: 0.1,
  nounMatchBonus: 0.1,
  /** Matches this close to the best one count as equally good evidence. */
  tie: 0.12,
  /**
   * Weight of a draft word found only in the corpus sentence's context (its source's title,
   * its section heading, the sentence before it): sources name their subject once and then
   * say "it", while a draft sentence names it again.
   */
  contextWeight: 0.6,
  /**
   * A bare number ("105", "40–64") or a lone year says little by itself about what it counts,
   * so its neighbourhood must match at least this well (window overlap) before it is compared.
   */
  bareMinWindow: 0.6,
  /** Bonus shared out among the comparable figures of the candidates (see alignFigure). */
  rarityBonus: 0.3,
  /** Quantities further apart than this factor are about different things (see farApart). */
  maxRatio: 20,
  /** Both figures carry the same bound ("at least"): the same claim, restated. */
  boundBonus: 0.05,
  yearMinWindow: 0.3,
  /** A change or span sharing one end exactly with the draft's is about the same thing (endpoints.ts). */
  anchorBonus: 0.2,
  /**
   * Weight of a word that speaks of a sibling figure in a list of parallel results (see
   * roles.ts): "Los Angeles" says little about the 86.7% given for New York City beside it.
   */
  foreign: 0,
  /** Within the words a figure owns, distance says little: "New York City, 86.7%" or "86.7% in New York City". */
  roleDecay: 0.97,
  /**
   * Among the figures of one list of parallel results, only those whose own words match the
   * draft's at least this share as well as the best sibling's are kept: the draft's value is
   * compared with the value given for its subject, not with every value of the list.
   */
  siblingShare: 0.6,
  /** ... and only when the best sibling's own words match the draft's at least this well. */
  roleMin: 0.3,
}

/**
 * Per-sentence retrieval result, shared by the figures of one sentence: the retrieved corpus
 * sentences that cover enough of the draft sentence, with that coverage (it does not depend
 * on the figure, so it is computed once per sentence, not once per figure).
 */
export interface Candidates {
  ids: number[]
  coverage: number[]
  tokens: Token[]
}

export function retrieveCandidates(corpus: Corpus, s: SentenceAnalysis): Candidates {
  const query = retrievalText(s.sentence.analysisText, s.sentence.headers)
  const hits = corpus.retrieve(query, ALIGNMENT.candidates)
  const draftTerms = new Set(terms(query))
  const out: Candidates = {ids: [], coverage: [], tokens: tokenize(s.sentence.analysisText)}
  const ids = hits.map((hit) => hit.sentence)
  for (const id of s.sentence.headers ? withRowCells(corpus, ids) : ids) {
    const coverage = weightedCoverage(corpus, draftTerms, cellTerms(corpus, id), contextTerms(corpus, id))
    // Even a perfect window match could not lift a sentence this unlike the draft's.
    if (coverage * ALIGNMENT.sentenceWeight + (1 - ALIGNMENT.sentenceWeight) < ALIGNMENT.minScore) continue
    out.ids.push(id)
    out.coverage.push(coverage)
  }
  return out
}

/** Aligns one draft figure with the figures of the candidate sentences. */
export function alignFigure(corpus: Corpus, s: SentenceAnalysis, figure: Figure, candidates: Candidates, restrictTo?: number[]): FigureMatch[] {
  const draftOwn = ownedBy(s.sentence.analysisText, s.figures.filter((f) => f.dimension !== 'identifier' && !isGroupLabel(s.sentence.analysisText, f)), figure)
  const draftWindow = withHeaders(windowTerms(candidates.tokens, figure.start, figure.end, ALIGNMENT.window, s.figures, ALIGNMENT.decay, ALIGNMENT.otherClause), s.sentence.headers)
  const draftRoleWindow = draftOwn ? windowTerms(candidates.tokens, figure.start, figure.end, ALIGNMENT.window, s.figures, ALIGNMENT.roleDecay, ALIGNMENT.otherClause, draftOwn) : draftWindow
  const matches: FigureMatch[] = []
  const draftDirection = directionOf(s.sentence.analysisText, figure, s.figures)
  const partner = changePartner(s.sentence.analysisText, figure, s.figures)
  // The source's statement of the draft's whole ("58 of the 212 services") is the whole's counterpart, not the part's.
  const ofWhole = partitiveWhole(s.sentence.analysisText, figure, s.figures)
  const draftNoun = countedNoun(s.sentence.analysisText, figure, s.figures)
  candidates.ids.forEach((id, k) => {
    const sentence = corpus.sentences[id]
    if (restrictTo && !restrictTo.includes(sentence.source)) return
    if (!sameRow(corpus, id, s.sentence.headers)) return
    const sentenceScore = candidates.coverage[k]
    for (const whole of comparableFigures(corpus, id)) {
      if (ofWhole && compareFigures(ofWhole, whole) === 'agree' && whole.value === ofWhole.value) continue
      // One end of a change or span anchored on the same value: the other ends are compared.
      const anchored = anchoredEnds(figure, partner, whole) ?? (partner ? anchoredChanges(figure, partner, whole, corpusPartner(corpus, id, whole)) : undefined)
      const other = anchored?.figure ?? whole
      let verdict = anchored?.verdict ?? signless(compareFigures(figure, other), figure, other)
      if (verdict === 'incomparable') continue
      // Direction words are compared, not ignored: "fell 5%" against "rose 5%" is a conflict.
      const otherDirection = draftDirection && verdict === 'agree' ? directionOfCorpus(corpus, id, other) : undefined
      const reversed = otherDirection && otherDirection !== draftDirection ? otherDirection : undefined
      if (reversed) verdict = 'disagree'
      if (verdict === 'disagree' && farApart(figure, other)) continue
      const corpusWindow = figureWindow(corpus, id, whole)
      const windowScore = symmetricOverlap(corpus, draftWindow, corpusWindow)
      const corpusRoleWindow = figureWindow(corpus, id, whole, true)
      const roleScore = draftOwn || corpusRoleWindow !== corpusWindow ? symmetricOverlap(corpus, draftRoleWindow, corpusRoleWindow) : windowScore
      // A change anchored on the same exact value is itself evidence of the same quantity.
      const bareMin = anchored ? ALIGNMENT.yearMinWindow : ALIGNMENT.bareMinWindow
      if ((isBare(figure) || isBare(other)) && Math.max(windowScore, roleScore) < bareMin) continue
      if ((isYear(figure) || isYear(other)) && windowScore < ALIGNMENT.yearMinWindow) continue
      if (isYear(figure) && isYear(other) && !sameYearRole(s.sentence.analysisText, figure, sentence.text, other)) continue
      // Counts of different things ("38 states" against "2,313 counties") are different quantities.
      const otherNoun = corpusCountedNoun(corpus, id, other)
      if (draftNoun && otherNoun && !sameNoun(draftNoun, otherNoun)) continue
      let score = ALIGNMENT.sentenceWeight * sentenceScore + (1 - ALIGNMENT.sentenceWeight) * windowScore
      if (draftNoun && otherNoun) score += ALIGNMENT.nounMatchBonus
      else if (draftNoun || otherNoun) score -= ALIGNMENT.nounMismatchPenalty
      if (figure.approx !== 'exact' && figure.approx === other.approx && figure.approx !== 'about') score += ALIGNMENT.boundBonus
      if (anchored) score += ALIGNMENT.anchorBonus
      const match: FigureMatch = {sentence: id, figure: other, score, windowScore, roleScore, verdict}
      matches.push(reversed ? {...match, reversed} : match)
    }
  })
  // Among the passages on this topic, a figure of a kind that occurs once or twice (the only
  // distance, the only sum of money) is likely the one the draft speaks of; a percent among
  // forty percents is not. The bonus shrinks with the number of comparable figures.
  const bonus = matches.length > 0 ? ALIGNMENT.rarityBonus / matches.length : 0
  return siblingsPruned(corpus, matches)
    .map((m) => ({...m, score: m.score + bonus}))
    .filter((m) => m.score >= ALIGNMENT.minScore)
    .sort((a, b) => b.score - a.score)
}

/**
 * In a corpus sentence of parallel results, the figures whose own words match the draft's
 * clearly less well than a sibling's are given for other subjects: dropped.
 */
function siblingsPruned(corpus: Corpus, matches: FigureMatch[]): FigureMatch[] {
  const best = new Map<string, number>()
  const key = (m: FigureMatch) => `${m.sentence}:${parallelKind(m.figure)}`
  for (const m of matches) {
    if (!rolesOf(corpus, m.sentence).get(parallelKind(m.figure))?.parallel) continue
    best.set(key(m), Math.max(best.get(key(m)) ?? 0, m.roleScore))
  }
  if (best.size === 0) return matches
  return matches.filter((m) => {
    const top = best.get(key(m)) ?? 0
    return top < ALIGNMENT.roleMin || m.roleScore >= top * ALIGNMENT.siblingShare
  })
}

/** Kinds of figure that stand in parallel with one another: shares with shares, counts with counts. */
function parallelKind(f: Figure): string {
  if (f.dimension === 'percent' || f.dimension === 'points' || f.dimension === 'ratio') return 'share'
  if (f.dimension === 'count' || f.dimension === 'number') return 'count'
  return f.dimension
}

/** A bare number ("and 34.85 in counties without") stands in parallel with figures of any kind. */
function isSibling(f: Figure, kind: string): boolean {
  return parallelKind(f) === kind || isBare(f)
}

/** The regions of `text` that speak of `figure` among its siblings of the same kind (roles.ts). */
function ownedBy(text: string, figures: Figure[], figure: Figure): {regions: ReadonlyArray<readonly [number, number]>; foreign: number} | undefined {
  const {siblings, regions, parallel} = rolesOfKind(text, figures, parallelKind(figure))
  const at = siblings.findIndex((f) => f.start === figure.start)
  if (siblings.length < 2 || at < 0) return undefined
  return parallel ? {regions: regions[at], foreign: ALIGNMENT.foreign} : undefined
}

interface Roles {
  siblings: Figure[]
  regions: Array<Array<[number, number]>>
  parallel: boolean
}

/** The figures of one kind in `text` and the regions that speak of each (roles.ts): draft and corpus alike. */
function rolesOfKind(text: string, figures: Figure[], kind: string): Roles {
  const siblings = figures.filter((f) => isSibling(f, kind))
  return {siblings, ...ownRegions(text, siblings)}
}

/** A corpus sentence's items of parallel results, per kind of figure; computed once. */
function rolesOf(corpus: Corpus, id: number): Map<string, Roles> {
  return corpus.memo('roles', id, () => {
    const figures = comparableFigures(corpus, id)
    return new Map([...new Set(figures.map(parallelKind))].map((kind) => [kind, rolesOfKind(corpus.sentences[id].text, figures, kind)]))
  })
}

/** The matches that are as good as the best one, at most one per source and value. */
export function bestMatches(matches: FigureMatch[]): FigureMatch[] {
  if (matches.length === 0) return []
  const top = matches[0].score
  return matches.filter((m) => m.score >= top - ALIGNMENT.tie)
}

/** What a corpus figure counts (roles.ts `countedNoun`), computed once per sentence. */
function corpusCountedNoun(corpus: Corpus, id: number, figure: Figure): string | undefined {
  const nouns = corpus.memo('counted-nouns', id, () => {
    const figures = comparableFigures(corpus, id)
    return new Map(figures.map((f) => [f.start, countedNoun(corpus.sentences[id].text, f, figures)]))
  })
  return nouns.has(figure.start) ? nouns.get(figure.start) : figure.noun
}

/** A corpus figure (one of `comparableFigures`) and its partner in a written change ("from 410 to 352"), if any; computed once per sentence. */
function corpusPartner(corpus: Corpus, id: number, figure: Figure): ReturnType<typeof changePartner> {
  const partners = corpus.memo('change-partners', id, () => {
    const figures = comparableFigures(corpus, id)
    return new Map(figures.map((f) => [f.start, changePartner(corpus.sentences[id].text, f, figures)]))
  })
  return partners.get(figure.start)
}

/** A corpus figure's direction; a figure with a minus sign fell. */
function directionOfCorpus(corpus: Corpus, id: number, figure: Figure): Direction | undefined {
  if (figure.value < 0 && figure.dimension !== 'date') return 'down'
  return directionOf(corpus.sentences[id].text, figure, corpus.figuresOf(id))
}

function isBare(f: Figure): boolean {
  return f.dimension === 'number' && !f.noun
}

function isYear(f: Figure): boolean {
  return f.dimension === 'date' && f.date?.month === undefined && f.date?.day === undefined
}

function sameNoun(a: string, b: string): boolean {
  const ta = terms(a)
  const tb = terms(b)
  return ta.length > 0 && tb.length > 0 && ta[ta.length - 1] === tb[tb.length - 1]
}

/** IDF-weighted share of the draft's terms that the corpus sentence (or, less, its context) holds. */
function weightedCoverage(corpus: Corpus, draft: Set<string>, other: Set<string>, context: Set<string>): number {
  let total = 0
  let shared = 0
  for (const term of draft) {
    const w = corpus.index.idf(term)
    total += w
    if (other.has(term)) shared += w
    else if (context.has(term)) shared += w * ALIGNMENT.contextWeight
    else if (hasRelated(term, other)) shared += w * ALIGNMENT.relatedMatch
  }
  return total === 0 ? 0 : shared / total
}

/** Terms of a corpus sentence's surroundings: source title, section heading, previous sentence. */
function contextTerms(corpus: Corpus, id: number): Set<string> {
  return corpus.memo('context', id, () => {
    const sentence = corpus.sentences[id]
    const out = new Set(corpus.titleTermsOf(sentence.source))
    if (sentence.section) for (const t of terms(sentence.section)) out.add(t)
    const previous = corpus.sentences[id - 1]
    if (previous && previous.source === sentence.source) for (const t of corpus.termsOf(id - 1)) out.add(t)
    return out
  })
}

/**
 * Weighted Dice overlap of two windows: each term counts its IDF times its closeness to the
 * figure; a shared term counts the smaller closeness of the two sides.
 */
function symmetricOverlap(corpus: Corpus, a: Window, b: Window): number {
  let total = 0
  let shared = 0
  for (const [term, wa] of a) {
    const idf = corpus.index.idf(term)
    total += idf * wa
    const wb = b.get(term) ?? (prefixMatch(term, b) || relatedWeight(term, b) * ALIGNMENT.relatedMatch)
    if (wb > 0) shared += 2 * idf * Math.min(wa, wb)
  }
  for (const [term, wb] of b) total += corpus.index.idf(term) * wb
  return total === 0 ? 0 : shared / total
}

/** Partial credit for a word of the same family that the stemmer left apart. */
function prefixMatch(term: string, window: Window): number {
  if (term.length < 5) return 0
  const prefix = term.slice(0, 5)
  let best = 0
  for (const [other, w] of window) if (other.length >= 5 && other.startsWith(prefix)) best = Math.max(best, w * ALIGNMENT.prefixMatch)
  return best
}


// Words that make the number after them a label for a group, not a measured quantity:
// "adults aged 18–39", "grades 6–8". Linear: a bounded tail match on a short slice.
const GROUP_LABEL = /\b(?:aged|ages|age|grades?|years? old)\s*$/i

// A number after "per" is a rate's denominator ("per 100,000 children"); a percent before
// "CI" or "confidence interval" is the interval's level, not a finding.
const DENOMINATOR = /\bper\s*$/i
const INTERVAL_LEVEL = /^\s*(?:CI\b|confidence\b|credible\b)/i

/**
 * Whether a figure names a group ("aged 65 and older"), a rate's denominator or a confidence
 * level rather than stating a quantity of its own.
 */
export function isGroupLabel(text: string, figure: Figure): boolean {
  const before = text.slice(Math.max(0, figure.start - 16), figure.start)
  return GROUP_LABEL.test(before) || DENOMINATOR.test(before) || INTERVAL_LEVEL.test(text.slice(figure.end, figure.end + 24))
}

/** A corpus sentence's figures that state quantities (no identifiers, group labels or denominators). */
function comparableFigures(corpus: Corpus, id: number): Figure[] {
  return corpus.memo('comparable', id, () => corpus.figuresOf(id).filter((f) => f.dimension !== 'identifier' && !isGroupLabel(corpus.sentences[id].text, f)))
}

/**
 * The weighted words around a corpus figure; independent of the draft, so computed once. With
 * `ownWords`, the words the figure owns in a list of parallel results (roles.ts) less those
 * every sibling shares; the plain window when the sentence lists none.
 */
function figureWindow(corpus: Corpus, id: number, figure: Figure, ownWords = false): Window {
  if (ownWords) {
    const kind = parallelKind(figure)
    const roles = rolesOf(corpus, id).get(kind)
    const at = roles?.siblings.findIndex((f) => f.start === figure.start) ?? -1
    if (roles?.parallel && at >= 0) return roleWindows(corpus, id, kind, roles)[at]
  }
  const windows = corpus.memo('windows', id, () => new Map<number, Window>())
  let window = windows.get(figure.start)
  if (!window) {
    window = withHeaders(windowTerms(corpus.tokensOf(id, tokenize), figure.start, figure.end, ALIGNMENT.window, corpus.figuresOf(id), ALIGNMENT.decay, ALIGNMENT.otherClause), corpusCellHeaders(corpus, id))
    windows.set(figure.start, window)
  }
  return window
}

/**
 * The own-word windows of a list's siblings, without the words all of them hold: in "68% on
 * the A route and 84% on the B route", "route" tells the two apart no more than it tells them
 * from the draft; "A" and "B" do.
 */
function roleWindows(corpus: Corpus, id: number, kind: string, roles: Roles): Window[] {
  const byKind = corpus.memo('role-windows', id, () => new Map<string, Window[]>())
  let windows = byKind.get(kind)
  if (!windows) {
    const tokens = corpus.tokensOf(id, tokenize)
    windows = roles.siblings.map((f, i) =>
      windowTerms(tokens, f.start, f.end, ALIGNMENT.window, corpus.figuresOf(id), ALIGNMENT.roleDecay, ALIGNMENT.otherClause, {regions: roles.regions[i], foreign: ALIGNMENT.foreign}),
    )
    const [first, ...rest] = windows
    for (const term of [...first.keys()]) {
      if (rest.every((w) => w.has(term))) for (const w of windows) w.delete(term)
    }
    byKind.set(kind, windows)
  }
  return windows
}

/**
 * How surely two corpus figures speak of the same thing (weighted overlap of the words around
 * them): two sources "disagree" only about one subject, not when each gives a 37% for
 * something else.
 */
export function sameSubject(corpus: Corpus, a: FigureMatch, b: FigureMatch): number {
  const wa = figureWindow(corpus, a.sentence, a.figure)
  const wb = figureWindow(corpus, b.sentence, b.figure)
  // A table column names the measure ("Punctuality"): a figure whose words never name it is another measure of the row's subject.
  if (!namesColumn(corpus, a.sentence, wb) || !namesColumn(corpus, b.sentence, wa)) return 0
  return symmetricOverlap(corpus, wa, wb)
}

// "the 2023 quota", "quota for 2024": a year that names which thing is meant.
const YEAR_HEAD_AFTER = /^\s+([a-z][a-z-]{2,})/
const YEAR_HEAD_BEFORE = /([a-z][a-z-]{2,})\s+(?:for|of|in)\s*$/

/**
 * A year that qualifies a noun ("the 2023 quota") is compared only with a year that qualifies
 * the same noun ("the quota for 2024"): briefs name many years, and "the 2023 quota" says
 * nothing against "the 2024 catch". A year standing alone ("in 2017") compares as before.
 */
function sameYearRole(draftText: string, draft: Figure, corpusText: string, other: Figure): boolean {
  const head = attributiveNoun(draftText, draft, true)
  if (!head) return true
  const otherHeads = [attributiveNoun(corpusText, other, true), attributiveNoun(corpusText, other, false)].filter(Boolean)
  return otherHeads.some((h) => normaliseTerm(h!) === normaliseTerm(head))
}

function attributiveNoun(text: string, f: Figure, after: boolean): string | undefined {
  if (after) {
    const m = YEAR_HEAD_AFTER.exec(text.slice(f.end, f.end + 30))
    return m && !NOT_HEADS.has(m[1]) ? m[1] : undefined
  }
  return YEAR_HEAD_BEFORE.exec(text.slice(Math.max(0, f.start - 30), f.start))?.[1]
}

/** Words after a year that do not make it a modifier ("in 2019 and", "2019 when"). */
const NOT_HEADS = new Set(['and', 'but', 'the', 'for', 'when', 'after', 'before', 'with', 'from', 'was', 'were', 'had', 'has', 'that', 'which', 'while', 'than', 'onward', 'onwards', 'through', 'until'])

/**
 * Two quantities more than `ALIGNMENT.maxRatio` apart are not one fact misreported ("56 million
 * children" against "5,986 children" counts other children), unless they share their digits —
 * a scale slip such as "$2 million" for "$2 billion" is a classic error worth reporting.
 */
function farApart(a: Figure, b: Figure): boolean {
  if (a.dimension === 'date' || b.dimension === 'date') return false
  const x = Math.abs(a.value)
  const y = Math.abs(b.value)
  if (x === 0 || y === 0) return false
  if (Math.max(x, y) / Math.min(x, y) <= ALIGNMENT.maxRatio) return false
  return mantissa(x) !== mantissa(y)
}

function mantissa(v: number): string {
  return v.toExponential(3).split('e')[0]
}

/**
 * A change written as a signed number in a table ("−5.6 points") and in words in prose
 * ("declined by 5.6 points") is the same figure: when exactly one of the two is negative,
 * magnitudes are compared. Direction in prose lives in the verb, which figures do not carry.
 */
function signless(verdict: 'agree' | 'disagree' | 'incomparable', a: Figure, b: Figure): 'agree' | 'disagree' | 'incomparable' {
  if (verdict !== 'disagree' || a.dimension === 'date' || (a.value < 0) === (b.value < 0)) return verdict
  const flip = (f: Figure): Figure => (f.value < 0 ? {...f, value: -f.value, low: f.high === undefined ? undefined : -f.high, high: f.low === undefined ? undefined : -f.low} : f)
  return compareFigures(flip(a), flip(b))
}
