import type {ParseEnglish} from 'parse-english'

/**
 * Sentence boundaries of plain prose without building parse-english's syntax tree, for the
 * text where they provably fall where parse-english puts them; undefined for anything else.
 *
 * Why: splitting sentences with parse-english was the largest single cost of a cold index after
 * remark (about 30% of a parse worker's own time, plus the garbage of the NLCST it builds: a
 * node with a position object per word, space and mark), profiled on the benchmark's 10,000
 * briefs (README, lean index, "Fourth round"); a cold index reads every paragraph once and only
 * keeps the sentence boundaries. Those boundaries follow from a few rules of parse-latin (7.x)
 * and parse-english (7.x) when the text is restricted to the characters and contexts below;
 * everything else returns undefined and goes to parse-english itself (sentences.ts).
 *
 * What parse-english does, for the text accepted here: a terminal mark (`.`, `!`, `?`) ends a
 * sentence unless it sits between two letters or digits (`.` and `?` join them into one word),
 * and the sentence after it is merged back when it starts with a lower-case word, with a comma
 * or semicolon, with no word at all, or when the word before a full stop is an abbreviation
 * (its lists plus one to three digits and single letters). A closing quote or bracket right
 * after the mark belongs to the sentence it closes. So the fast path accepts a text when:
 * - every character is an ASCII or Latin-1 letter, a digit, a space, or one of
 *   `, ; : ( ) $ % € £ “ ” " ’ ' - /` and the terminal marks;
 * - every terminal mark not between two letters/digits stands alone (no `?!`, `..`), follows a
 *   letter/digit or one of `% ) ” "`, and is followed by the end, or by at most one of `” " )`
 *   and then the end or spaces; a following sentence starts with an upper-case letter, a digit
 *   or one of `“ " ( $ € £`;
 * - a full stop after a word: the word as parse-latin joins it (letter/digit runs linked by single
 *   `-` or `.`: "take-up", "1.00", "U.S") starts after a space, the start or one of `, ; ( “ " $ € £`
 *   (nothing that joins words); parse-english itself says whether `word. A` is one sentence (an
 *   abbreviation, an initialism, one to three digits; its lists are not exported: asked once per
 *   word, memoised). If it is, the sentence goes on, provided spaces and an opener as above follow;
 * - every sentence holds a letter or digit.
 * No newline, tab or other white space: those split paragraphs and sentences by other rules.
 * The equivalence test (tests/corpus/plain-sentences.test.ts) compares this with parse-english on
 * every corpus paragraph in the project, benchmark briefs and about 100,000 generated and mutated
 * paragraphs. Linear: one pass over the text; the walk back over a word before a full stop stops
 * at the space before it, so no character is read more than twice.
 */
export function plainSentenceSpans(text: string, parser: ParseEnglish): Array<[number, number]> | undefined {
  const spans: Array<[number, number]> = []
  let start = skipSpaces(text, 0)
  let hasWord = false
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (isWordChar(c)) {
      hasWord = true
      continue
    }
    if (c !== DOT && c !== BANG && c !== QUESTION) {
      if (!OTHER_ALLOWED.has(c)) return undefined
      continue
    }
    const before = text.charCodeAt(i - 1)
    const after = text.charCodeAt(i + 1)
    // Between two letters/digits, `.` and `?` are inside a word (parse-latin's inner word symbols).
    if (c !== BANG && isWordChar(before) && isWordChar(after)) continue
    if (!hasWord || !(isWordChar(before) || CLOSERS_BEFORE.has(before))) return undefined
    const ending = c === DOT && isWordChar(before) ? fullStopAfterWord(text, i, parser) : 'ends'
    if (ending === 'joined') return undefined
    if (ending === 'abbreviation') {
      // parse-english merges the next sentence back: the sentence goes on, if what follows is what
      // a sentence opens with (else other rules would have a say first).
      const next = skipSpaces(text, i + 1)
      if (next === text.length) {
        spans.push([start, i + 1])
        return spans
      }
      if (next === i + 1 || !opensSentence(text.charCodeAt(next))) return undefined
      i = next - 1
      continue
    }
    let end = i + 1
    if (CLOSERS_AFTER.has(text.charCodeAt(end))) end++
    if (end === text.length) {
      spans.push([start, end])
      return spans
    }
    if (text.charCodeAt(end) !== SPACE) return undefined
    const next = skipSpaces(text, end)
    if (next === text.length) {
      spans.push([start, end])
      return spans
    }
    if (!opensSentence(text.charCodeAt(next))) return undefined
    spans.push([start, end])
    start = next
    hasWord = false
    i = next - 1
  }
  if (start >= text.length) return spans
  if (!hasWord) return undefined
  let end = text.length
  while (end > start && text.charCodeAt(end - 1) === SPACE) end--
  spans.push([start, end])
  return spans
}

const SPACE = 0x20
const DOT = 0x2e
const BANG = 0x21
const QUESTION = 0x3f
const DASH = 0x2d

/** Characters accepted anywhere besides letters, digits and terminal marks (see above). */
const OTHER_ALLOWED = new Set([...' ,;:()$%€£“”"’\'-/'].map((s) => s.charCodeAt(0)))
/** What may stand right before a terminal mark besides a letter or digit: never part of a word. */
const CLOSERS_BEFORE = new Set([...'%)”"'].map((s) => s.charCodeAt(0)))
/** What may follow a terminal mark and still belong to its sentence (parse-latin's affix symbols). */
const CLOSERS_AFTER = new Set([...'”")'].map((s) => s.charCodeAt(0)))
/** Openers of a sentence besides upper-case letters and digits: marks, never words. */
const SENTENCE_OPENERS = new Set([...'“"($€£'].map((s) => s.charCodeAt(0)))
/** What may stand before the word ending in a full stop: nothing parse-english joins to a word. */
const WORD_OPENERS = new Set([...' ,;(“"$€£'].map((s) => s.charCodeAt(0)))

/** ASCII letters and digits, Latin-1 letters (not × and ÷): one word to parse-latin. */
function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || (c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7)
}

/** Upper-case ASCII and Latin-1 letters and digits: a sentence opening with one stays apart. */
function isUpperOrDigit(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || (c >= 0xc0 && c <= 0xde && c !== 0xd7)
}

/** A character a sentence may open with and stay apart from the one before (see above). */
function opensSentence(c: number): boolean {
  return isUpperOrDigit(c) || SENTENCE_OPENERS.has(c)
}

function skipSpaces(text: string, from: number): number {
  while (from < text.length && text.charCodeAt(from) === SPACE) from++
  return from
}

/**
 * What parse-english makes of the full stop at `dot` after a word: `joined` when the word does
 * not stand alone (something before it may join it: not modelled), `abbreviation` when it is one
 * of the parser's abbreviations (its lists, one to three digits, a single letter), after which
 * the parser merges the next sentence back, else `ends`. The abbreviations depend on the word
 * alone and are asked of the parser itself (`word. A`: one sentence or two), memoised.
 */
function fullStopAfterWord(text: string, dot: number, parser: ParseEnglish): 'joined' | 'abbreviation' | 'ends' {
  // The word as parse-latin joins it: letter/digit runs linked by single `-` or `.` ("take-up",
  // "1.00", "U.S"). The parser's reading of the full stop after it (an initialism keeps it, an
  // abbreviation merges on) depends on that whole word alone, so the probe below asks about it.
  let from = dot
  for (;;) {
    while (from > 0 && isWordChar(text.charCodeAt(from - 1))) from--
    const link = text.charCodeAt(from - 1)
    if (from < 2 || (link !== DASH && link !== DOT) || !isWordChar(text.charCodeAt(from - 2))) break
    from--
  }
  if (from > 0 && !WORD_OPENERS.has(text.charCodeAt(from - 1))) return 'joined'
  // A very long word is left to the parser: the memo's size stays bounded in bytes too.
  if (dot - from > MAX_PROBED_WORD) return 'joined'
  const word = text.slice(from, dot)
  let ends = endings.get(word)
  if (ends === undefined) {
    const paragraph = parser.parse(`${word}. A`).children[0]
    ends = paragraph?.type === 'ParagraphNode' && paragraph.children.filter((n) => n.type === 'SentenceNode').length === 2
    if (endings.size >= ENDINGS_LIMIT) endings.clear()
    endings.set(word, ends)
  }
  return ends ? 'ends' : 'abbreviation'
}

/** Memo of word → whether a full stop after it ends a sentence; bounded like terms.ts's memo. */
const endings = new Map<string, boolean>()
const ENDINGS_LIMIT = 50_000
const MAX_PROBED_WORD = 64
