import {ParseEnglish} from 'parse-english'
import {memoize} from './memo'
import {plainSentenceSpans} from './plain-sentences'

/** A sentence span in a block's derived text: [start, end) in UTF-16 code units. */
export interface SentenceSpan {
  start: number
  end: number
}

const parser = new ParseEnglish()

/**
 * Splits prose into sentences with parse-english (the retext parser). It is run per block,
 * never over a whole document: PERF-ANCHORS.md measured whole-document runs growing faster
 * than linear, and per-block runs are what makes re-checking one edited paragraph cheap.
 * Memoised by text: an unchanged paragraph is not split again.
 */
export const splitSentences = memoize(splitOnce)

/**
 * Longest piece of a block handed to parse-english at once. The parser's time per character
 * stays flat up to a few thousand characters and then grows with the piece (measured: 20,000
 * characters of `1. ` took 1.6 s, 200,000 took 19 s, and a 200 KB run of `1.` overflowed the
 * stack in its word-symbol merge), so longer blocks are cut into pieces of at most this many
 * characters, at a sentence end when one is near, and split piece by piece: linear in the block.
 * Real paragraphs are far shorter, so a cut almost never falls inside a sentence.
 */
export const SPLIT_PIECE_CHARS = 4_000

/** The same without the memo, for corpus indexing, which meets each paragraph once. */
export function splitOnce(text: string): SentenceSpan[] {
  if (text.length <= SPLIT_PIECE_CHARS) return splitPiece(text, 0)
  const spans: SentenceSpan[] = []
  let from = 0
  while (from < text.length) {
    // White space opening a piece (markers blanked past a cap) counts for nothing.
    while (from < text.length && isBlank(text.charCodeAt(from))) from++
    if (from >= text.length) break
    const to = pieceEnd(text, from)
    for (const span of splitPiece(text.slice(from, to), from)) spans.push(span)
    from = to
  }
  return spans
}

/** Where the piece starting at `from` ends: after a sentence end, else at a space, else at the limit. */
function pieceEnd(text: string, from: number): number {
  const limit = from + SPLIT_PIECE_CHARS
  if (limit >= text.length) return text.length
  const floor = from + SPLIT_PIECE_CHARS / 2
  for (let i = limit; i > floor; i--) {
    if (isBlank(text.charCodeAt(i)) && isSentenceEnd(text.charCodeAt(i - 1))) return i
  }
  // Else a sentence end a little further on (pieces stay within 1.5 times the size).
  const ceiling = Math.min(text.length, limit + SPLIT_PIECE_CHARS / 2)
  for (let i = limit; i < ceiling; i++) {
    if (isBlank(text.charCodeAt(i)) && isSentenceEnd(text.charCodeAt(i - 1))) return i
  }
  for (let i = limit; i > floor; i--) if (isBlank(text.charCodeAt(i))) return i
  // No space at all: a hard cut, never between the halves of a surrogate pair.
  const c = text.charCodeAt(limit - 1)
  return c >= 0xd800 && c <= 0xdbff ? limit - 1 : limit
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0
}

function isSentenceEnd(c: number): boolean {
  return c === 46 || c === 33 || c === 63 // . ! ?
}

/**
 * Sentences of one piece, with offsets moved by `base`: by plain-sentences.ts's fast path where
 * it provably agrees with parse-english, else by parse-english.
 */
function splitPiece(text: string, base: number): SentenceSpan[] {
  const spans: SentenceSpan[] = []
  if (!/\S/.test(text)) return spans
  for (const [start, end] of plainSentenceSpans(text, parser) ?? parserSentenceSpans(text)) {
    for (const span of splitAfterSmallNumbers(text, start, end)) spans.push({start: base + span.start, end: base + span.end})
  }
  return spans
}

/**
 * parse-english's sentences of `text` as `[start, end)`, white space at their edges trimmed so
 * that ranges hug the words; the reference plain-sentences.ts's fast path is tested against.
 */
export function parserSentenceSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = []
  const tree = parser.parse(text)
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue
    for (const sentence of paragraph.children) {
      if (sentence.type !== 'SentenceNode' || !sentence.position) continue
      let start = sentence.position.start.offset ?? 0
      let end = sentence.position.end.offset ?? start
      while (start < end && /\s/.test(text[start])) start++
      while (end > start && /\s/.test(text[end - 1])) end--
      if (end > start) spans.push([start, end])
    }
  }
  return spans
}

// A small number after a word, its full stop, then a capital: "… lapse on May 24. During …".
// parse-english reads "24." as an ordinal and does not end the sentence (it does after "2020.").
// Bounded quantifiers only: linear on any input.
const SMALL_NUMBER_END = /(?<=\p{L}\s\d{1,3})\.(?=\s{1,4}[“"(]?\p{Lu})/gu

/** The parser's sentence `[start, end)`, cut again after a small number ending a sentence. */
function splitAfterSmallNumbers(text: string, start: number, end: number): SentenceSpan[] {
  const out: SentenceSpan[] = []
  const sentence = text.slice(start, end)
  let from = 0
  SMALL_NUMBER_END.lastIndex = 0
  for (let m = SMALL_NUMBER_END.exec(sentence); m; m = SMALL_NUMBER_END.exec(sentence)) {
    const cut = m.index + 1
    out.push({start: start + from, end: start + cut})
    from = cut
    while (from < sentence.length && /\s/.test(sentence[from])) from++
  }
  out.push({start: start + from, end})
  return out
}
