import type {Figure} from '../figures/types'
import type {CorpusView as Corpus} from '../store/types'
import {directionOf, type Direction} from './direction'
import {isGroupLabel, type Candidates} from './figures'
import {CHANGE_TERMS} from './words'

/**
 * Qualitative claims about figures (issue #14): "made no measurable difference", "will save
 * next to nothing", "did not change". The draft gives no figure, yet a source on the same
 * subject may report one ("a 20-point increase", "saving about £48,000 a year"). Whether a
 * 0.9-point effect is "measurable" is a judgement, so this is information, never a warning.
 */

// Bounded alternations, no nested quantifiers: linear on any input.
const NULL_CLAIM = new RegExp(
  [
    String.raw`\b(?:no|little or no|not any)\s+(?:statistically\s+)?(?:(?:measurable|significant|discernible|detectable|noticeable|appreciable|meaningful|real)\s+)?(?:difference|effect|change|impact)\b`,
    String.raw`\bdid\s+not\s+(?:change|affect|alter)\b`,
    String.raw`\b(?:next\s+to|almost|virtually)\s+nothing\b`,
    String.raw`\bnothing\s+of\s+(?:substance|note)\b`,
    String.raw`\bremained\s+(?:unchanged|flat)\b`,
  ].join('|'),
  'i',
)

/** A source sentence that itself reports no effect agrees with the draft, whatever figures it gives. */
const SOURCE_NULL = /\bnot\s+(?:statistically\s+)?significant\b|\bno\s+(?:statistically\s+)?(?:significant|measurable)\b|\bunchanged\b|\bdid\s+not\s+(?:change|differ)\b/i

/** A source sentence must cover at least this share of the draft's words (IDF-weighted): the same subject. */
export const NULL_CLAIM_MIN_COVERAGE = 0.5

/** Where the draft says nothing changed, in the sentence's text; undefined when it does not. */
export function nullClaim(text: string): {start: number; end: number; text: string} | undefined {
  const m = NULL_CLAIM.exec(text)
  return m ? {start: m.index, end: m.index + m[0].length, text: m[0]} : undefined
}

/** A source figure that reports an effect, and the sentence it is in. */
export interface ReportedEffect {
  sentence: number
  figure: Figure
  direction?: Direction
  coverage: number
}

/**
 * The best-covering candidate sentence (of the cited sources, when the draft cites any) that
 * reports an effect: a non-zero point change or sum of money, a share in a sentence with a
 * change verb, or any figure given a direction, in a sentence that does not itself call the
 * effect insignificant.
 */
export function reportedEffect(corpus: Corpus, candidates: Candidates, cited: readonly number[]): ReportedEffect | undefined {
  let best: ReportedEffect | undefined
  candidates.ids.forEach((id, k) => {
    const coverage = candidates.coverage[k]
    if (coverage < NULL_CLAIM_MIN_COVERAGE || (best && best.coverage >= coverage)) return
    const sentence = corpus.sentences[id]
    if ((cited.length > 0 && !cited.includes(sentence.source)) || SOURCE_NULL.test(sentence.text) || NULL_CLAIM.test(sentence.text)) return
    const figures = corpus.figuresOf(id).filter((f) => f.dimension !== 'identifier' && f.dimension !== 'date' && !isGroupLabel(sentence.text, f))
    // "raised weekday visits by 14%": a change verb anywhere in the sentence makes its shares changes.
    const terms = corpus.termsOf(id)
    const changes = [...CHANGE_TERMS].some((t) => terms.has(t))
    for (const figure of figures) {
      const direction = directionOf(sentence.text, figure, figures)
      const kind = figure.dimension === 'points' || figure.dimension === 'money' || (changes && (figure.dimension === 'percent' || figure.dimension === 'ratio'))
      const effect = figure.value !== 0 && (direction !== undefined || kind)
      if (effect) {
        best = {sentence: id, figure, direction, coverage}
        return
      }
    }
  })
  return best
}
