import type {SentenceAnalysis} from '../analysis'
import type {Corpus} from '../corpus/corpus'
import {compareFigures} from '../figures/compare'
import type {Figure} from '../figures/types'
import {terms} from '../index/terms'
import type {CorpusSentence} from '../types'
import {tokenize, windowTerms, type Token} from './words'

/** A corpus figure aligned with a draft figure: which sentence, how well, and the verdict. */
export interface FigureMatch {
  sentence: number
  figure: Figure
  /** 0..1: how surely the two figures speak of the same thing. */
  score: number
  verdict: 'agree' | 'disagree'
}

/**
 * Tuning of the alignment, in one place. Scores are IDF-weighted shares of the draft's words
 * found in the corpus sentence (whole sentence, and a window around the figure).
 */
export const ALIGNMENT = {
  /** Corpus sentences retrieved per draft sentence (BM25). */
  candidates: 40,
  /** Words either side of a figure that say what it measures. */
  window: 6,
  /** Weight of the sentence-level overlap against the window-level one. */
  sentenceWeight: 0.5,
  /** Below this a corpus figure is not about the same thing at all. */
  minScore: 0.3,
  /** A counted noun that differs ("states" against "counties") means another quantity. */
  nounMismatchPenalty: 0.25,
  nounMatchBonus: 0.1,
  /** Matches this close to the best one count as equally good evidence. */
  tie: 0.12,
} as const

/** Per-sentence retrieval result, shared by the figure checks of one sentence. */
export interface Candidates {
  ids: number[]
  draftTerms: Set<string>
}

export function retrieveCandidates(corpus: Corpus, s: SentenceAnalysis): Candidates {
  const hits = corpus.retrieve(s.sentence.analysisText, ALIGNMENT.candidates)
  return {ids: hits.map((h) => h.sentence), draftTerms: new Set(terms(s.sentence.analysisText))}
}

/** Aligns one draft figure with the figures of the candidate sentences. */
export function alignFigure(corpus: Corpus, s: SentenceAnalysis, figure: Figure, candidates: Candidates, restrictTo?: number[]): FigureMatch[] {
  const tokens = tokenize(s.sentence.analysisText)
  const draftWindow = new Set(windowTerms(tokens, figure.start, figure.end, ALIGNMENT.window, s.figures))
  const matches: FigureMatch[] = []
  for (const id of candidates.ids) {
    const sentence = corpus.sentences[id]
    if (restrictTo && !restrictTo.includes(sentence.source)) continue
    const corpusTerms = new Set(terms(sentence.text))
    const sentenceScore = weightedCoverage(corpus, candidates.draftTerms, corpusTerms)
    if (sentenceScore * ALIGNMENT.sentenceWeight + (1 - ALIGNMENT.sentenceWeight) < ALIGNMENT.minScore) continue
    let corpusTokens: Token[] | undefined
    for (const other of sentence.figures) {
      const verdict = compareFigures(figure, other)
      if (verdict === 'incomparable') continue
      corpusTokens ??= tokenize(sentence.text)
      const corpusWindow = new Set(windowTerms(corpusTokens, other.start, other.end, ALIGNMENT.window, sentence.figures))
      const windowScore = symmetricOverlap(corpus, draftWindow, corpusWindow)
      let score = ALIGNMENT.sentenceWeight * sentenceScore + (1 - ALIGNMENT.sentenceWeight) * windowScore
      if (figure.noun && other.noun) score += sameNoun(figure.noun, other.noun) ? ALIGNMENT.nounMatchBonus : -ALIGNMENT.nounMismatchPenalty
      if (score < ALIGNMENT.minScore) continue
      matches.push({sentence: id, figure: other, score, verdict})
    }
  }
  return matches.sort((a, b) => b.score - a.score)
}

/** The matches that are as good as the best one, at most one per source and value. */
export function bestMatches(matches: FigureMatch[]): FigureMatch[] {
  if (matches.length === 0) return []
  const top = matches[0].score
  return matches.filter((m) => m.score >= top - ALIGNMENT.tie)
}

function sameNoun(a: string, b: string): boolean {
  const ta = terms(a)
  const tb = terms(b)
  return ta.length > 0 && tb.length > 0 && ta[ta.length - 1] === tb[tb.length - 1]
}

/** IDF-weighted share of the draft's terms that the corpus sentence holds. */
function weightedCoverage(corpus: Corpus, draft: Set<string>, other: Set<string>): number {
  let total = 0
  let shared = 0
  for (const term of draft) {
    const w = corpus.stats.idf(term)
    total += w
    if (other.has(term)) shared += w
  }
  return total === 0 ? 0 : shared / total
}

/** IDF-weighted Dice overlap of two windows. */
function symmetricOverlap(corpus: Corpus, a: Set<string>, b: Set<string>): number {
  let total = 0
  let shared = 0
  for (const term of a) {
    const w = corpus.stats.idf(term)
    total += w
    if (b.has(term)) shared += 2 * w
  }
  for (const term of b) total += corpus.stats.idf(term)
  return total === 0 ? 0 : shared / total
}

/** The source sentence a match came from. */
export function matchSentence(corpus: Corpus, match: FigureMatch): CorpusSentence {
  return corpus.sentences[match.sentence]
}
