import {
  ADVICE,
  CAPITALISED_FUNCTION_WORDS,
  FIRST_PERSON,
  HEDGES,
  IRREGULAR_PAST,
  NON_CLAIM_OPENERS,
  NOT_PAST_ED,
  OPINION_PHRASES,
  REPORTING_VERBS,
  SELF_NOUNS,
} from './lexicon'

/** Why a sentence is or is not a checkable claim: shown in hovers and used by tests. */
export type ClaimVerdict =
  | {claim: true; signals: string[]}
  | {claim: false; reason: 'question' | 'opinion' | 'advice' | 'about-the-brief' | 'conjecture' | 'fragment' | 'no-fact'}

export interface ClaimInput {
  /** Sentence text with citations blanked. */
  text: string
  /** How many figures the figure reader found in it. */
  figureCount: number
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu
// Quoted spans are someone else's words: "we" or "should" inside them is reported speech.
const QUOTED = /["“][^"“”\n]{0,600}["”]/g

/**
 * Decides whether a sentence asserts a checkable fact (issue #2): figures, dates, named
 * events, actions of named people or bodies, attributions and quotes are claims; questions,
 * the writer's opinions and advice, and sentences about the brief itself are not.
 *
 * The cues are lexical on purpose: parse-english already gives us the sentence, and the
 * measured alternatives (compromise at 18x remark-parse, see PERF-ANCHORS.md) would cost more
 * than the whole check may. Accuracy is measured by tests/scoring on labelled fixtures.
 */
export function classifyClaim({text, figureCount}: ClaimInput): ClaimVerdict {
  const trimmed = text.trim()
  if (trimmed.endsWith('?')) return {claim: false, reason: 'question'}
  const hasQuote = QUOTED.test(trimmed)
  QUOTED.lastIndex = 0
  const own = trimmed.replace(QUOTED, ' "" ')
  const lower = own.toLowerCase()
  const words = own.match(WORD) ?? []
  const lowerWords = words.map((w) => w.toLowerCase().replace(/[’']s$/, '').replace(/\.$/, ''))
  if (words.length < 3 && figureCount === 0) return {claim: false, reason: 'fragment'}

  const reporting = lowerWords.some((w) => REPORTING_VERBS.has(w))
  const firstPerson = lowerWords.findIndex((w) => FIRST_PERSON.has(w))
  const selfReference = lowerWords.some((w, i) => (w === 'this' || w === 'these') && SELF_NOUNS.has(lowerWords[i + 1] ?? ''))
  const opinion = OPINION_PHRASES.some((p) => lower.includes(p))
  const advice = lowerWords.some((w) => ADVICE.has(w))
  const hedged = lowerWords.some((w) => HEDGES.has(w))
  const opener = NON_CLAIM_OPENERS.some((p) => lower.startsWith(p))

  // The writer's own voice: "we recommend", "in our view", "we keep our notes in ...".
  if (firstPerson >= 0 && !reportedByOthers(lowerWords, firstPerson)) {
    return {claim: false, reason: opinion || advice ? 'opinion' : 'about-the-brief'}
  }
  if (selfReference) return {claim: false, reason: 'about-the-brief'}
  if (opener) return {claim: false, reason: 'opinion'}
  if ((opinion || advice) && !reporting) return {claim: false, reason: opinion ? 'opinion' : 'advice'}

  const signals: string[] = []
  if (figureCount > 0) signals.push('figure')
  if (hasQuote) signals.push('quote')
  if (reporting) signals.push('attribution')
  if (hasNamedEntity(words)) signals.push('named entity')
  if (lowerWords.some(isPastForm)) signals.push('past event')
  if (hasComparison(lower)) signals.push('comparison')
  if (/\b(?:no|none|never|not)\b/.test(lower) && signals.length === 0 && words.length >= 6) signals.push('negated fact')

  if (hedged && !signals.some((s) => s === 'figure' || s === 'attribution' || s === 'quote' || s === 'past event')) {
    return {claim: false, reason: 'conjecture'}
  }
  if (signals.length === 0) return {claim: false, reason: 'no-fact'}
  return {claim: true, signals}
}

/** "Officials told us" or "said we must" keep a first-person word inside an attribution. */
function reportedByOthers(words: string[], firstPerson: number): boolean {
  const word = words[firstPerson]
  if (word !== 'us' && word !== 'me') return false
  return words.slice(0, firstPerson).some((w) => REPORTING_VERBS.has(w))
}

function isPastForm(word: string): boolean {
  if (IRREGULAR_PAST.has(word)) return true
  return word.length > 4 && word.endsWith('ed') && !NOT_PAST_ED.has(word)
}

/** A capitalised word that is not the sentence's first and not a function word, or an acronym. */
function hasNamedEntity(words: string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    const word = words[i]
    if (/^\p{Lu}{2,}/u.test(word)) return true
    if (i === 0) continue
    if (!/^\p{Lu}/u.test(word)) continue
    if (CAPITALISED_FUNCTION_WORDS.has(word.toLowerCase())) continue
    return true
  }
  return false
}

const COMPARATIVE = /\b(?:more|less|fewer|higher|lower|larger|smaller|greater)\b/g

/**
 * A comparative word with "than" at most 80 characters after it in the same sentence part ("more
 * cases than"). Two linear scans instead of one regex with a bounded gap between two
 * alternations, which recheck's fuzzer found polynomial (degree 4).
 */
function hasComparison(lower: string): boolean {
  for (const m of lower.matchAll(COMPARATIVE)) {
    const end = (m.index ?? 0) + m[0].length
    const rest = lower.slice(end, end + 85)
    const stop = rest.indexOf('.')
    const than = /\bthan\b/.exec(stop < 0 ? rest : rest.slice(0, stop))
    if (than && than.index <= 80) return true
  }
  return false
}
