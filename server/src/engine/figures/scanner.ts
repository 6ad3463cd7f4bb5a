/**
 * The figure reader's state, passed explicitly to every parser (quantities.ts, dates.ts,
 * identifiers.ts, number-words.ts, units.ts) instead of living in module variables, so the
 * parsers can sit in files of their own and two readers never share state (issue #12).
 *
 * It extends the token buffer it reads, and holds the small "result slots" the parsers fill
 * (where a phrase started, where it ended): reused objects rather than a fresh object per call,
 * because extraction runs on every sentence of a large corpus.
 */
import type {Approx, DateParts, Dimension, Figure} from './types'
import {NUM, PUNCT, TokenBuffer, WORD} from './tokenize'
import {ORDINAL_WORDS, SMALL, type SpelledNumber} from './number-words'
import type {UnitMatch} from './units'
import {APPROX_BY_LAST, IRREGULAR_NOUNS, NOUN_STOP} from './lexicon'

/** Result slot of parseValue (quantities.ts). */
export interface ParsedValue {
  value: number
  precision: number
  spelled: boolean
  /** First token after the number. */
  next: number
  ratio: boolean
  fraction: boolean
  yearLike: boolean
  scaled: boolean
  denom: number
}

/** State of one figure reader; create one per concurrent reader, reuse it across texts. */
export class FigureScanner extends TokenBuffer {
  /** The text being read. */
  src = ''
  /** Figures found so far, in order. */
  out: Figure[] = []
  /** First token index the current parser may look back to (end of the previous figure). */
  floor = 0
  /** A percent figure has been seen earlier in this text: "3.0 points" then means percentage points. */
  sawPercent = false
  /** approxBefore: first token of the approximation phrase. */
  approxStart = 0
  /** approxAfter: token after the trailing approximation phrase. */
  approxAfterEnd = 0
  /** dayAt / yearAt (dates.ts): token after the day / year. */
  dayNext = 0
  yearNext = 0
  /** currencyAt (quantities.ts): the currency code, its display form and the token after it. */
  curCode = ''
  curNext = 0
  curDisplay = ''
  /** rateAt (quantities.ts): token after "per 100,000". */
  rateNext = 0
  readonly pv: ParsedValue = {
    value: 0, precision: 1, spelled: false, next: 0, ratio: false, fraction: false,
    yearLike: false, scaled: false, denom: 0,
  }
  readonly unit: UnitMatch = {def: null, next: 0}
  readonly spelled: SpelledNumber = {value: 0, precision: 1, next: 0}

  /** Starts reading `text`: tokenizes it and clears the per-text state. */
  begin(text: string): void {
    this.src = text
    this.out = []
    this.floor = 0
    this.sawPercent = false
  }
}

/** Token i is a number written in digits. */
export function isNumAt(s: FigureScanner, i: number): boolean {
  return i < s.count && s.toks[i].kind === NUM
}

/** Token i is the word `w` (lower-cased). */
export function isWord(s: FigureScanner, i: number, w: string): boolean {
  return i >= 0 && i < s.count && s.toks[i].kind === WORD && s.toks[i].lower === w
}

/** Token i is the punctuation `p`. */
export function isPunct(s: FigureScanner, i: number, p: string): boolean {
  return i >= 0 && i < s.count && s.toks[i].kind === PUNCT && s.toks[i].lower === p
}

/** Hyphen or dash token usable as a range separator. */
export function isDash(s: FigureScanner, i: number): boolean {
  return i < s.count && s.toks[i].kind === PUNCT && (s.toks[i].lower === '-' || s.toks[i].lower === '–')
}

/** 10^-n without the representation error of Math.pow (1e-4, not 0.00009999...). */
export function pow10(n: number): number {
  return n === 0 ? 1 : Number('1e-' + n)
}

/** "st", "nd", "rd", "th" glued to a number. */
export function isOrdinalSuffix(w: string): boolean {
  return w === 'st' || w === 'nd' || w === 'rd' || w === 'th'
}

/** A figure as token indices; emit() turns it into a Figure. */
export interface Emit {
  startTok: number
  valueTok: number
  endTok: number // exclusive
  dimension: Dimension
  value: number
  unit: string
  precision: number
  approx: Approx
  spelled: boolean
  low?: number
  high?: number
  displayUnit?: string
  noun?: string
  date?: DateParts
  dateEnd?: DateParts
  label?: string
}

/** Appends the figure `e` describes to the scanner's output. */
export function emit(s: FigureScanner, e: Emit): void {
  const start = s.toks[e.startTok].start
  const end = s.toks[e.endTok - 1].end
  const f: Figure = {
    start, end, text: s.src.slice(start, end),
    valueStart: s.toks[e.valueTok].start, valueEnd: end,
    dimension: e.dimension, value: e.value, unit: e.unit, approx: e.approx,
    precision: e.precision, spelled: e.spelled,
  }
  if (e.low !== undefined) { f.low = e.low; f.high = e.high }
  if (e.displayUnit !== undefined) f.displayUnit = e.displayUnit
  if (e.noun !== undefined) f.noun = e.noun
  if (e.date !== undefined) f.date = e.date
  if (e.dateEnd !== undefined) f.dateEnd = e.dateEnd
  if (e.label !== undefined) f.label = e.label
  if (e.dimension === 'percent') s.sawPercent = true
  s.out.push(f)
}

/**
 * Approximation phrase ending just before token i (not crossing `floor`). Returns the approx
 * kind and sets approxStart to the phrase's first token.
 */
export function approxBefore(s: FigureScanner, i: number): Approx {
  s.approxStart = i
  if (i - 1 < s.floor) return 'exact'
  const last = s.toks[i - 1]
  if (last.kind !== WORD && last.kind !== PUNCT) return 'exact'
  const list = APPROX_BY_LAST.get(last.lower)
  if (!list) return 'exact'
  outer: for (const [words, kind] of list) {
    const st = i - words.length
    if (st < s.floor) continue
    for (let k = 0; k < words.length; k++) {
      const t = s.toks[st + k]
      if ((t.kind !== WORD && t.kind !== PUNCT) || t.lower !== words[k]) continue outer
    }
    s.approxStart = st
    return kind
  }
  return 'exact'
}

/** Approximation phrase right after a figure: "4,000 or more", "4,000+", "a dozen or so". */
export function approxAfter(s: FigureScanner, k: number): Approx {
  s.approxAfterEnd = k
  if (isPunct(s, k, '+') && !s.toks[k].sp) { s.approxAfterEnd = k + 1; return 'at-least' }
  if (isPunct(s, k, '-') && !s.toks[k].sp && isWord(s, k + 1, 'plus')) { s.approxAfterEnd = k + 2; return 'at-least' }
  if (isWord(s, k, 'or')) {
    const w = k + 1 < s.count ? s.toks[k + 1].lower : ''
    if (w === 'more' || w === 'above' || w === 'greater') { s.approxAfterEnd = k + 2; return 'at-least' }
    if (w === 'so' || w === 'thereabouts') { s.approxAfterEnd = k + 2; return 'about' }
    if (w === 'less' || w === 'fewer' || w === 'below') { s.approxAfterEnd = k + 2; return 'at-most' }
  }
  return 'exact'
}

/** Looks for the counted noun starting at token j ("troops" in "4,000 US troops were"). */
export function findNoun(s: FigureScanner, j: number): string | undefined {
  let first: string | undefined
  // Four words reach the head of "233 included public school districts".
  for (let k = j; k < s.count && k < j + 4; k++) {
    const t = s.toks[k]
    if (t.kind !== WORD || (k > j && s.toks[k - 1].kind !== WORD) || NOUN_STOP.has(t.lower)) break
    if (ORDINAL_WORDS.has(t.lower) || SMALL.has(t.lower)) break
    const w = t.lower
    if (IRREGULAR_NOUNS.has(w)) return w
    // A plural-looking word is the best guess for the head of "4,000 US troops".
    if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) {
      return stripPossessive(w)
    }
    if (first === undefined) first = w
  }
  return first === undefined ? undefined : stripPossessive(first)
}

function stripPossessive(w: string): string {
  return w.endsWith("'s") || w.endsWith("’s") ? w.slice(0, -2) : w.endsWith("'") ? w.slice(0, -1) : w
}

/** A four-digit whole number 1800–2100 at token i: a year when no unit follows. */
export function isYearNumber(s: FigureScanner, i: number): boolean {
  const t = s.toks[i]
  return t.kind === NUM && !t.grouped && t.dec === 0 && t.intDigits === 4 && t.num >= 1800 && t.num <= 2100
}
