/**
 * Finds the figures (quantities, dates, identifiers) in a sentence of English prose.
 *
 * Pipeline: tokenize (tokenize.ts, one linear pass), then a left-to-right scan over tokens where
 * each position tries, in order: citation markers (identifiers.ts), dates (dates.ts),
 * identifiers, quantities (quantities.ts, with number-words.ts and units.ts). The reader's state
 * is a FigureScanner (scanner.ts) passed to every parser. A parser that
 * succeeds returns the index after what it consumed; approximation words are found by looking
 * back from a number, never past the end of the previous figure. No regular expression is
 * compiled or run per call (the only regex in this module is the cue test, see hasFigureCue).
 */
import {reportLimit} from '../limits'
import type {Figure} from './types'
import {MIXED, NUM, PUNCT, SKIP, WORD, tokenize} from './tokenize'
import {FRACTIONS, SCALES, SMALL} from './number-words'
import {CURRENCY_PREFIX, DOLLAR_PREFIX} from './units'
import {DATE_PREFIX, MONTHS} from './lexicon'
import {FigureScanner, isDash, isNumAt, isOrdinalSuffix, isPunct, isWord, isYearNumber} from './scanner'
import {chainEnd, citation, emitIdentifier, firstDigitOffset, isFootnote, labelledIdentifier, mixedIdentifier} from './identifiers'
import {dayFirstDate, monthDate, yearDate} from './dates'
import {quantity} from './quantities'

export {FigureScanner} from './scanner'

// ---------------------------------------------------------------------------------------------
// Cheap pre-filter

/**
 * Words that can start a figure without a digit. The alternation is of plain literals (with
 * optional literal suffixes) between word boundaries: no quantifier is nested or repeated, so
 * the engine does bounded work per start position and the test is linear in the text length.
 */
const CUE_RE = /[0-9]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|half|quarter|thirds?|fifths?|zero|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i

/**
 * True when `text` may contain a figure (a digit, a number word or a month name). False means
 * extractFigures would certainly return []; true is only a maybe. Use it to skip sentences
 * cheaply when scanning a large corpus.
 */
export function hasFigureCue(text: string): boolean {
  return CUE_RE.test(text)
}

/**
 * Clock times ("6:05 p.m.", "10:30–11:45") are neither quantities nor dates the corpus states
 * as figures; reading "05" as a count made false conflicts. NUM ":" NUM (glued) becomes SKIP.
 */
function skipClockTimes(s: FigureScanner): void {
  for (let k = 0; k + 2 < s.count; k++) {
    const a = s.toks[k]
    const colon = s.toks[k + 1]
    const b = s.toks[k + 2]
    if (a.kind === NUM && colon.kind === PUNCT && colon.lower === ':' && !colon.sp && b.kind === NUM && !b.sp && b.intDigits === 2 && a.num < 24) {
      a.kind = SKIP
      colon.kind = SKIP
      b.kind = SKIP
      k += 2
    }
  }
}

/**
 * The scanner extractFigures uses when none is given. Extraction is synchronous and never
 * re-entered, so one reusable scanner serves every call; its token pool then stays warm.
 */
const sharedScanner = new FigureScanner()

/**
 * Most figures read from one sentence. A dense statistical sentence holds a dozen; 200 leaves
 * room for a table row read as prose. Each figure is aligned with the words around it, so a
 * "sentence" of 32,000 money amounts made that work grow with the square of its length.
 */
export const MAX_FIGURES_PER_SENTENCE = 200

/**
 * Extracts every figure in `text` (a sentence or short passage), in order of appearance.
 * Offsets are UTF-16 code units into `text`. Pass a scanner of your own to read texts in
 * an interleaved way (each scanner holds one text's state at a time).
 */
export function extractFigures(text: string, s: FigureScanner = sharedScanner): Figure[] {
  if (!hasFigureCue(text)) return []
  s.begin(text)
  tokenize(s, text)
  skipClockTimes(s)
  // "3.0 points" means percentage points when the passage speaks of percent anywhere.
  for (let k = 0; k < s.count && !s.sawPercent; k++) {
    const l = s.toks[k].lower
    s.sawPercent = l === '%' || l === 'percent' || l === 'percentage' || (l === 'cent' && k > 0 && s.toks[k - 1].lower === 'per')
  }
  let i = 0
  while (i < s.count && s.out.length < MAX_FIGURES_PER_SENTENCE) {
    const next = tryAt(s, i)
    if (next > i) {
      i = next
      s.floor = next
    } else i++
  }
  if (s.out.length >= MAX_FIGURES_PER_SENTENCE) reportLimit(`a sentence with more than ${MAX_FIGURES_PER_SENTENCE} figures: only the first ${MAX_FIGURES_PER_SENTENCE} are compared`)
  shareNouns(s)
  const result = s.out
  s.out = []
  s.src = ''
  return result
}

/** Tries every parser at token i; returns the index after what was consumed, or 0. */
function tryAt(s: FigureScanner, i: number): number {
  const t = s.toks[i]
  switch (t.kind) {
    case SKIP:
      return i + 1
    case PUNCT: {
      const p = t.lower
      if (p === '(' || p === '[') return citation(s, i)
      if (CURRENCY_PREFIX.has(p) && isNumAt(s, i + 1)) return quantity(s, i)
      if ((p === '−' || p === '-') && i + 1 < s.count && s.toks[i + 1].kind === NUM && !s.toks[i + 1].sp &&
        (t.sp || i === 0 || s.toks[i - 1].lower === '(') ) return quantity(s, i)
      if (p === '^' && i + 1 < s.count && s.toks[i + 1].kind === NUM) return i + 2 // Markdown footnote "^1"
      return 0
    }
    case MIXED:
      return mixedIdentifier(s, i)
    case NUM:
      return numberAt(s, i)
    case WORD:
      return wordAt(s, i)
  }
  return 0
}

function wordAt(s: FigureScanner, i: number): number {
  const t = s.toks[i]
  const w = t.lower
  // Dates led by a month or a prefix ("mid-June", "early 2019" is handled by the year path).
  if (t.cap && MONTHS.has(w)) return monthDate(s, i, i)
  if (DATE_PREFIX.has(w) && isPunct(s, i + 1, '-') && !s.toks[i + 1].sp && i + 2 < s.count && !s.toks[i + 2].sp) {
    const n = s.toks[i + 2]
    if (n.kind === WORD && n.cap && MONTHS.has(n.lower)) return monthDate(s, i + 2, i)
    if (n.kind === NUM && isYearNumber(s, i + 2)) return yearDate(s, i + 2, i, i, 'exact')
  }
  if ((w === 'early' || w === 'late' || w === 'mid') && i + 1 < s.count && s.toks[i + 1].cap && MONTHS.has(s.toks[i + 1].lower)) {
    return monthDate(s, i + 1, i)
  }
  // Identifiers.
  const lab = labelledIdentifier(s, i)
  if (lab) return lab
  if (isPunct(s, i + 1, '-') && !s.toks[i + 1].sp && !SMALL.has(w) && !FRACTIONS.has(w) && !DATE_PREFIX.has(w)) {
    const {end, digits} = chainEnd(s, i)
    if (digits) return emitIdentifier(s, i, end, s.src.slice(t.start, firstDigitOffset(s, i, end)).toLowerCase())
  }
  // "US$ 5.2bn", "A$3m"
  if (DOLLAR_PREFIX.has(w) && isPunct(s, i + 1, '$') && !s.toks[i + 1].sp && isNumAt(s, i + 2)) return quantity(s, i)
  if (CURRENCY_PREFIX.has(w) && t.kind === WORD && w.length === 3 && isNumAt(s, i + 1)) return quantity(s, i)
  // Spelled numbers and fractions.
  if (SMALL.has(w) || FRACTIONS.has(w) || w === 'dozen' ||
    ((w === 'a' || w === 'an') && i + 1 < s.count && (s.toks[i + 1].lower === 'dozen' || s.toks[i + 1].lower === 'hundred' ||
      SCALES.has(s.toks[i + 1].lower) || (FRACTIONS.has(s.toks[i + 1].lower) && !s.toks[i + 1].lower.endsWith('s'))))) {
    return quantity(s, i)
  }
  return 0
}

function numberAt(s: FigureScanner, i: number): number {
  const t = s.toks[i]
  if (isFootnote(s, i)) return i + 1
  // Paths, DOIs and dates like "10.1000/xyz", "24/7", "12/03/2020": digits glued to slashes are
  // not prose figures (units like "km/h" come after a number, never glued to it by a slash).
  if ((isPunct(s, i + 1, '/') && !s.toks[i + 1].sp) || (i > 0 && isPunct(s, i - 1, '/') && !t.sp)) {
    let k = i + 1
    while (k < s.count && !s.toks[k].sp) k++
    return k
  }
  const nx = i + 1 < s.count ? s.toks[i + 1] : undefined
  if (nx && !nx.sp && nx.kind === WORD) {
    // "1st", "19th Amendment": ordinals are labels, not quantities.
    if (isOrdinalSuffix(nx.lower)) {
      // "12th June 2019" is still a date.
      if (i + 2 < s.count && s.toks[i + 2].cap && MONTHS.has(s.toks[i + 2].lower)) return dayFirstDate(s, i)
      return i + 2
    }
    // "1990s": a decade, not a quantity.
    if (nx.lower === 's' || nx.lower === "'s") return i + 2
  }
  // "12 June 2019", "5–12 May 2020"
  if (t.dec === 0 && !t.grouped && t.num >= 1 && t.num <= 31) {
    if (i + 1 < s.count && s.toks[i + 1].kind === WORD && s.toks[i + 1].cap && MONTHS.has(s.toks[i + 1].lower)) return dayFirstDate(s, i)
    if (isWord(s, i + 1, 'of') && i + 2 < s.count && s.toks[i + 2].cap && MONTHS.has(s.toks[i + 2].lower)) return dayFirstDate(s, i)
    if (isDash(s, i + 1) && isNumAt(s, i + 2) && i + 3 < s.count && s.toks[i + 3].cap && MONTHS.has(s.toks[i + 3].lower)) return dayFirstDate(s, i)
  }
  return quantity(s, i)
}

/**
 * "24 of the state's 105 counties": a bare number followed by "of" borrows the noun of the count
 * that follows within a few words.
 */
function shareNouns(s: FigureScanner): void {
  for (let a = 0; a + 1 < s.out.length; a++) {
    const f = s.out[a]
    if (f.noun !== undefined || f.dimension !== 'number') continue
    // "2,313 (73.6%) of the 3,142 U.S. counties": a parenthetical share may stand between.
    let b = a + 1
    if (s.out[b] && s.out[b].dimension === 'percent' && /^\s*\(\s*$/.test(s.src.slice(f.end, s.out[b].start))) b++
    const g = s.out[b]
    if (!g || g.noun === undefined || g.dimension !== 'count') continue
    const between = s.src.slice(f.end, g.start).replace(/^\s*\([^()]{0,20}\)/, '')
    if (between.length > 40 || !/^\s+of\b/.test(between)) continue
    f.noun = g.noun
    f.dimension = 'count'
  }
}
