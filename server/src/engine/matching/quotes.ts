import type {CorpusView as Corpus} from '../store/types'

/** A quotation in a draft sentence: offsets into the sentence text, without the marks. */
export interface Quote {
  start: number
  end: number
  text: string
}

/** The outcome of looking a quote up in the corpus. */
export type QuoteLookup =
  | {status: 'verbatim'; sentence: number}
  | {status: 'variant'; sentence: number; words: string; similarity: number}
  | {status: 'not-found'}

/** Quotes shorter than this many words are names or scare quotes, not quotations. */
export const MIN_QUOTE_WORDS = 3
/** A source passage this alike (word-level) is the passage the writer misquoted. */
export const VARIANT_SIMILARITY = 0.6

// Straight or curly double quotes, bounded length: linear, no nested quantifiers.
const QUOTE = /["“]([^"“”\n]{1,800})["”]/g

/** Double-quoted passages of three words or more. */
export function findQuotes(text: string): Quote[] {
  const out: Quote[] = []
  for (const match of text.matchAll(QUOTE)) {
    const inner = match[1]
    if (wordsOf(inner).length < MIN_QUOTE_WORDS) continue
    const start = (match.index ?? 0) + 1
    out.push({start, end: start + inner.length, text: inner})
  }
  return out
}

interface Word {
  norm: string
  start: number
  end: number
}

const WORD = /[\p{L}\p{N}]+(?:['’\-–][\p{L}\p{N}]+)*/gu

/** Words normalised for quote comparison: case, curly apostrophes and dashes folded. */
function wordsOf(text: string): Word[] {
  const out: Word[] = []
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0
    out.push({norm: m[0].toLowerCase().replace(/’/g, "'").replace(/–/g, '-'), start, end: start + m[0].length})
  }
  return out
}

/**
 * Looks a quote up: verbatim (after normalising quotes, case, whitespace and punctuation)
 * in a corpus sentence or a sentence with its neighbours; else the closest variant by
 * word-level edit distance, aligned anywhere inside the passage.
 */
export function lookUpQuote(corpus: Corpus, quote: string): QuoteLookup {
  const words = wordsOf(quote).map((w) => w.norm)
  if (words.length === 0) return {status: 'not-found'}
  // Ellipses join pieces that must each appear in order; compare the longest piece.
  const hits = corpus.retrieve(quote, 15)
  let best: {sentence: number; similarity: number; words: string} | undefined
  for (const hit of hits) {
    const passage = passageAround(corpus, hit.sentence)
    const passageWords = wordsOf(passage)
    const norms = passageWords.map((w) => w.norm)
    if (containsSequence(norms, words)) return {status: 'verbatim', sentence: hit.sentence}
    const aligned = alignWithin(norms, words)
    if (!best || aligned.similarity > best.similarity) {
      const first = passageWords[aligned.start]
      const last = passageWords[Math.max(aligned.start, aligned.end - 1)]
      best = {sentence: hit.sentence, similarity: aligned.similarity, words: first && last ? passage.slice(first.start, last.end) : ''}
    }
  }
  if (best && best.similarity >= VARIANT_SIMILARITY) return {status: 'variant', ...best}
  return {status: 'not-found'}
}

/** A sentence with its neighbours from the same source: quotes may span sentence ends. */
function passageAround(corpus: Corpus, id: number): string {
  const here = corpus.sentences[id]
  const parts = [here.text]
  const before = corpus.sentences[id - 1]
  const after = corpus.sentences[id + 1]
  if (after && after.source === here.source) parts.push(after.text)
  if (before && before.source === here.source) parts.unshift(before.text)
  return parts.join(' ')
}

function containsSequence(haystack: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return true
  }
  return false
}

/**
 * Semi-global word alignment (free start and end in the passage): the passage span with the
 * fewest word edits from the quote. O(quote × passage) time; both are sentence-sized.
 */
function alignWithin(passage: string[], quote: string[]): {start: number; end: number; similarity: number} {
  const n = quote.length
  const m = passage.length
  let prev = new Array<number>(m + 1).fill(0)
  let prevStart = Array.from({length: m + 1}, (_, j) => j)
  for (let i = 1; i <= n; i++) {
    const cur = new Array<number>(m + 1)
    const curStart = new Array<number>(m + 1)
    cur[0] = i
    curStart[0] = 0
    for (let j = 1; j <= m; j++) {
      const sub = prev[j - 1] + (quote[i - 1] === passage[j - 1] ? 0 : 1)
      const del = prev[j] + 1
      const ins = cur[j - 1] + 1
      if (sub <= del && sub <= ins) {
        cur[j] = sub
        curStart[j] = prevStart[j - 1]
      } else if (del <= ins) {
        cur[j] = del
        curStart[j] = prevStart[j]
      } else {
        cur[j] = ins
        curStart[j] = curStart[j - 1]
      }
    }
    prev = cur
    prevStart = curStart
  }
  let bestEnd = 0
  // On a tie prefer the longer span: a changed last word is shown, not dropped.
  for (let j = 1; j <= m; j++) if (prev[j] <= prev[bestEnd]) bestEnd = j
  return {start: prevStart[bestEnd], end: bestEnd, similarity: 1 - prev[bestEnd] / n}
}
