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
  forEachWord(text, (word) => {
    const term = normaliseTerm(word)
    if (term) out.push(term)
  })
  return out
}

/**
 * Calls `visit` with each word of `text` in order: what `WORD` matches (letters and digits,
 * joined by an apostrophe, full stop or hyphen between two of them).
 */
export function forEachWord(text: string, visit: (word: string) => void): void {
  forEachWordSpan(text, (whole, start, end) => visit(whole.slice(start, end)))
}

/**
 * `forEachWord` without a string per word: calls `visit` with each word's place in `text` and
 * `unitsHash` of its code units, so that a caller keeping a table of words (term-counts.ts) finds
 * a known word without slicing it.
 *
 * A scan of character classes instead of the regular expression: counting a source's terms
 * was about a fifth of `parseSource`'s CPU (70-90 of 330-460 ms per MB of benchmark briefs),
 * and this scan with the counter's slots (term-counts.ts) took it from about 46 to 29 ms per MB;
 * handing the counter places and hashes instead of strings (its table of words) then took
 * counting alone from 22.3 to 12.8 CPU ms per MB of sentence text in bench/term-count.ts
 * (docs/scaling.md, "Ingestion profile"). Each BMP character's class is asked of the same property classes once and kept;
 * a text holding any surrogate (astral letters, emoji, or a lone half) goes to the regular
 * expression itself, so the words are the same whatever the text (tests/corpus/term-counts.test.ts).
 */
export function forEachWordSpan(text: string, visit: (text: string, start: number, end: number, hash: number) => void): void {
  if (HAS_SURROGATE.test(text)) {
    for (const match of text.matchAll(WORD)) {
      const start = match.index!
      const end = start + match[0].length
      visit(text, start, end, unitsHash(text, start, end))
    }
    return
  }
  const length = text.length
  let i = 0
  while (i < length) {
    if (charKind(text.charCodeAt(i)) !== WORD_CHAR) {
      i++
      continue
    }
    const start = i
    let hash = HASH_BASIS
    for (;;) {
      // The hash is `unitsHash`'s, taken here while each code unit is read anyway.
      while (i < length) {
        const code = text.charCodeAt(i)
        if (charKind(code) !== WORD_CHAR) break
        hash = Math.imul(hash ^ code, HASH_PRIME)
        i++
      }
      // A joiner continues the word only between two word characters.
      if (i + 1 >= length || charKind(text.charCodeAt(i)) !== JOINER || charKind(text.charCodeAt(i + 1)) !== WORD_CHAR) break
      hash = Math.imul(hash ^ text.charCodeAt(i), HASH_PRIME)
      i++
    }
    visit(text, start, i, hash)
  }
}

/** FNV-1a's 32-bit offset basis and prime, applied to UTF-16 code units instead of bytes. */
const HASH_BASIS = 0x811c9dc5 | 0
const HASH_PRIME = 0x01000193

/**
 * A 32-bit hash (FNV-1a over UTF-16 code units) of `text` from `start` to `end`: the hash
 * `forEachWordSpan` gives each word.
 */
export function unitsHash(text: string, start = 0, end = text.length): number {
  let hash = HASH_BASIS
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), HASH_PRIME)
  return hash
}

/** Any UTF-16 surrogate, paired or lone (a plain, non-Unicode character class: a fast scan). */
const HAS_SURROGATE = /[\ud800-\udfff]/

const UNKNOWN = 0
const WORD_CHAR = 1
const JOINER = 2
const OTHER = 3

/** Class of each UTF-16 code unit, filled on first sight (64 KB). */
const kinds = new Uint8Array(0x10000)
const WORD_CLASS = /^[\p{L}\p{N}]$/u

function charKind(code: number): number {
  const known = kinds[code]
  if (known !== UNKNOWN) return known
  let kind = OTHER
  if (code === 0x27 || code === 0x2019 || code === 0x2e || code === 0x2d) kind = JOINER
  else if (WORD_CLASS.test(String.fromCharCode(code))) kind = WORD_CHAR
  kinds[code] = kind
  return kind
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
  const term = termOfWord(word)
  if (memo.size >= MEMO_LIMIT) memo.clear()
  memo.set(word, term ?? null)
  return term
}

/** `normaliseTerm` without its memo, for a caller that keeps its own (term-counts.ts). */
export function termOfWord(word: string): string | undefined {
  const lower = word.toLowerCase().replace(/['’]s$/, '').replace(/[’']/g, '')
  if (lower.length < 2 && !/\d/.test(lower)) return undefined
  if (STOP_WORDS.has(lower)) return undefined
  if (/^\d/.test(lower)) return lower.replace(/[.,]/g, '')
  const stem = stemmer(lower.replace(/\./g, ''))
  return DIRECTION.get(stem) ?? stem
}
