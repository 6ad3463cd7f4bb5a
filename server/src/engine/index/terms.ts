import {stemmer} from 'stemmer'

/**
 * Common English function words: too frequent to say what a sentence is about. A fixed,
 * topic-free list; retrieval weights the rest by BM25, which discounts frequent words anyway.
 */
const STOP_WORDS = new Set(
  `a an the and or but nor so yet of to in on at by for with from as into onto upon about above below
  over under than then that this these those there here it its is are was were be been being has have
  had do does did will would shall should can could may might must not no yes if when while after
  before since during which who whom whose what where why how all any both each few more most other
  some such only own same too very just also even still ever per via vs i we our us you your he him his
  she her they them their one s t`.split(/\s+/),
)

const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu

/** Splits text into index terms: lower-cased, stop words dropped, stemmed (Porter). */
export function terms(text: string): string[] {
  const out: string[] = []
  // `match` with a global pattern gives the words alone; `matchAll` built a match object per
  // word, a visible share of a cold index's time (issue #15).
  for (const word of text.match(WORD) ?? []) {
    const term = normaliseTerm(word)
    if (term) out.push(term)
  }
  return out
}

/**
 * Verbs of change that reports and drafts swap freely ("fell" for "decreased", "grew" for
 * "increased"): folded into one term each so the sentences meet. General English, no topic.
 * "Reduction" too ("a 12% reduction" for "fell 12%"), but not "growth": "slowed growth by 0.5
 * points" is a fall, so a noun that names what changes is no direction.
 */
const DIRECTION = new Map<string, string>()
for (const w of 'fell fall fallen decreas declin drop dip dipped shrank shrunk shrink plung plummet slump reduc reduct lower'.split(' ')) DIRECTION.set(w, 'decreas')
for (const w of 'rose rise risen increas grew grow grown climb jump surg soar rais'.split(' ')) DIRECTION.set(w, 'increas')

/**
 * Memo of word → term: Porter stemming was most of a check's time (profiled), and prose
 * repeats its words. Bounded so a long-running server cannot grow it without limit.
 */
const memo = new Map<string, string | null>()
const MEMO_LIMIT = 200_000

/** One word to its index term, or undefined for a stop word. */
export function normaliseTerm(word: string): string | undefined {
  const known = memo.get(word)
  if (known !== undefined) return known ?? undefined
  const term = computeTerm(word)
  if (memo.size >= MEMO_LIMIT) memo.clear()
  memo.set(word, term ?? null)
  return term
}

function computeTerm(word: string): string | undefined {
  const lower = word.toLowerCase().replace(/['’]s$/, '').replace(/[’']/g, '')
  if (lower.length < 2 && !/\d/.test(lower)) return undefined
  if (STOP_WORDS.has(lower)) return undefined
  if (/^\d/.test(lower)) return lower.replace(/[.,]/g, '')
  const stem = stemmer(lower.replace(/\./g, ''))
  return DIRECTION.get(stem) ?? stem
}
