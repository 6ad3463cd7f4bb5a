/**
 * Finds the figures (quantities, dates, identifiers) in a sentence of English prose.
 *
 * Pipeline: tokenize (tokenize.ts, one linear pass), then a left-to-right scan over tokens where
 * each position tries, in order: citation markers, dates, identifiers, quantities. A parser that
 * succeeds returns the index after what it consumed; approximation words are found by looking
 * back from a number, never past the end of the previous figure. No regular expression is
 * compiled or run per call (the only regex in this module is the cue test, see hasFigureCue).
 */
import {reportLimit} from '../limits'
import type {Approx, DateParts, Dimension, Figure} from './types'
import {MIXED, NUM, PUNCT, SKIP, WORD, count, tokenize, toks} from './tokenize'
import {FRACTIONS, MONEY_SCALES, ORDINAL_WORDS, SCALES, SMALL, parseSpelled, spelled} from './number-words'
import {CURRENCY_PREFIX, DOLLAR_PREFIX, type UnitDef, matchUnit, unitMatch} from './units'
import {
  SPREAD_WORDS,
  APPROX_BY_LAST, CHANGE_WORDS, DATE_PREFIX, ID_LABELS, IRREGULAR_NOUNS, MONTHS, MONTH_CONTEXT,
  NOT_IDENTIFIERS, NOUN_STOP,
} from './lexicon'

/**
 * Precision given to fractions and "N in M" ratios, as a share of their unit (0.05 = five
 * percentage points for a ratio, three minutes for "a quarter of an hour"). "Two thirds" is
 * conventionally used for anything from about 64% to 69%; a tighter precision would flag
 * correct paraphrases, a looser one would let "a quarter" pass for 30%.
 */
const FRACTION_PRECISION = 0.05

/** Largest number that counts as a citation marker in "(1–6)" or "[12]". */
const MAX_CITATION = 999

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

// ---------------------------------------------------------------------------------------------
// Per-call state (module-level: extraction is synchronous, so calls never interleave)

let src = ''
let out: Figure[] = []
/** First token index the current parser may look back to (end of the previous figure). */
let floor = 0
/** A percent figure has been seen earlier in this text: "3.0 points" then means percentage points. */
let sawPercent = false

/**
 * Clock times ("6:05 p.m.", "10:30–11:45") are neither quantities nor dates the corpus states
 * as figures; reading "05" as a count made false conflicts. NUM ":" NUM (glued) becomes SKIP.
 */
function skipClockTimes(): void {
  for (let k = 0; k + 2 < count; k++) {
    const a = toks[k]
    const colon = toks[k + 1]
    const b = toks[k + 2]
    if (a.kind === NUM && colon.kind === PUNCT && colon.lower === ':' && !colon.sp && b.kind === NUM && !b.sp && b.intDigits === 2 && a.num < 24) {
      a.kind = SKIP
      colon.kind = SKIP
      b.kind = SKIP
      k += 2
    }
  }
}

/** A verb of spread ("ranged", "varied") within four words before token `at` ("from"). */
function spreadBefore(at: number): boolean {
  if (toks[at].lower !== 'from') return false
  for (let k = at - 1; k >= Math.max(floor, at - 4); k--) if (SPREAD_WORDS.has(toks[k].lower)) return true
  return false
}

/**
 * Most figures read from one sentence. A dense statistical sentence holds a dozen; 200 leaves
 * room for a table row read as prose. Each figure is aligned with the words around it, so a
 * "sentence" of 32,000 money amounts made that work grow with the square of its length.
 */
export const MAX_FIGURES_PER_SENTENCE = 200

/**
 * Extracts every figure in `text` (a sentence or short passage), in order of appearance.
 * Offsets are UTF-16 code units into `text`.
 */
export function extractFigures(text: string): Figure[] {
  if (!hasFigureCue(text)) return []
  src = text
  out = []
  floor = 0
  sawPercent = false
  tokenize(text)
  skipClockTimes()
  // "3.0 points" means percentage points when the passage speaks of percent anywhere.
  for (let k = 0; k < count && !sawPercent; k++) {
    const l = toks[k].lower
    sawPercent = l === '%' || l === 'percent' || l === 'percentage' || (l === 'cent' && k > 0 && toks[k - 1].lower === 'per')
  }
  let i = 0
  while (i < count && out.length < MAX_FIGURES_PER_SENTENCE) {
    const next = tryAt(i)
    if (next > i) {
      i = next
      floor = next
    } else i++
  }
  if (out.length >= MAX_FIGURES_PER_SENTENCE) reportLimit(`a sentence with more than ${MAX_FIGURES_PER_SENTENCE} figures: only the first ${MAX_FIGURES_PER_SENTENCE} are compared`)
  shareNouns()
  const result = out
  out = []
  src = ''
  return result
}

/** Tries every parser at token i; returns the index after what was consumed, or 0. */
function tryAt(i: number): number {
  const t = toks[i]
  switch (t.kind) {
    case SKIP:
      return i + 1
    case PUNCT: {
      const p = t.lower
      if (p === '(' || p === '[') return citation(i)
      if (CURRENCY_PREFIX.has(p) && isNumAt(i + 1)) return quantity(i)
      if ((p === '−' || p === '-') && i + 1 < count && toks[i + 1].kind === NUM && !toks[i + 1].sp &&
        (t.sp || i === 0 || toks[i - 1].lower === '(') ) return quantity(i)
      if (p === '^' && i + 1 < count && toks[i + 1].kind === NUM) return i + 2 // Markdown footnote "^1"
      return 0
    }
    case MIXED:
      return mixedIdentifier(i)
    case NUM:
      return numberAt(i)
    case WORD:
      return wordAt(i)
  }
  return 0
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function isNumAt(i: number): boolean {
  return i < count && toks[i].kind === NUM
}

function isWord(i: number, w: string): boolean {
  return i >= 0 && i < count && toks[i].kind === WORD && toks[i].lower === w
}

function isPunct(i: number, p: string): boolean {
  return i >= 0 && i < count && toks[i].kind === PUNCT && toks[i].lower === p
}

/** Hyphen or dash token usable as a range separator. */
function isDash(i: number): boolean {
  return i < count && toks[i].kind === PUNCT && (toks[i].lower === '-' || toks[i].lower === '–')
}

/** 10^-n without the representation error of Math.pow (1e-4, not 0.00009999...). */
function pow10(n: number): number {
  return n === 0 ? 1 : Number('1e-' + n)
}

function isOrdinalSuffix(w: string): boolean {
  return w === 'st' || w === 'nd' || w === 'rd' || w === 'th'
}

interface Emit {
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

function emit(e: Emit): void {
  const start = toks[e.startTok].start
  const end = toks[e.endTok - 1].end
  const f: Figure = {
    start, end, text: src.slice(start, end),
    valueStart: toks[e.valueTok].start, valueEnd: end,
    dimension: e.dimension, value: e.value, unit: e.unit, approx: e.approx,
    precision: e.precision, spelled: e.spelled,
  }
  if (e.low !== undefined) { f.low = e.low; f.high = e.high }
  if (e.displayUnit !== undefined) f.displayUnit = e.displayUnit
  if (e.noun !== undefined) f.noun = e.noun
  if (e.date !== undefined) f.date = e.date
  if (e.dateEnd !== undefined) f.dateEnd = e.dateEnd
  if (e.label !== undefined) f.label = e.label
  if (e.dimension === 'percent') sawPercent = true
  out.push(f)
}

/**
 * Approximation phrase ending just before token i (not crossing `floor`). Returns the approx
 * kind and sets approxStart to the phrase's first token.
 */
let approxStart = 0
function approxBefore(i: number): Approx {
  approxStart = i
  if (i - 1 < floor) return 'exact'
  const last = toks[i - 1]
  if (last.kind !== WORD && last.kind !== PUNCT) return 'exact'
  const list = APPROX_BY_LAST.get(last.lower)
  if (!list) return 'exact'
  outer: for (const [words, kind] of list) {
    const s = i - words.length
    if (s < floor) continue
    for (let k = 0; k < words.length; k++) {
      const t = toks[s + k]
      if ((t.kind !== WORD && t.kind !== PUNCT) || t.lower !== words[k]) continue outer
    }
    approxStart = s
    return kind
  }
  return 'exact'
}

/** Approximation phrase right after a figure: "4,000 or more", "4,000+", "a dozen or so". */
let approxAfterEnd = 0
function approxAfter(k: number): Approx {
  approxAfterEnd = k
  if (isPunct(k, '+') && !toks[k].sp) { approxAfterEnd = k + 1; return 'at-least' }
  if (isPunct(k, '-') && !toks[k].sp && isWord(k + 1, 'plus')) { approxAfterEnd = k + 2; return 'at-least' }
  if (isWord(k, 'or')) {
    const w = k + 1 < count ? toks[k + 1].lower : ''
    if (w === 'more' || w === 'above' || w === 'greater') { approxAfterEnd = k + 2; return 'at-least' }
    if (w === 'so' || w === 'thereabouts') { approxAfterEnd = k + 2; return 'about' }
    if (w === 'less' || w === 'fewer' || w === 'below') { approxAfterEnd = k + 2; return 'at-most' }
  }
  return 'exact'
}

/** Looks for the counted noun starting at token j ("troops" in "4,000 US troops were"). */
function findNoun(j: number): string | undefined {
  let first: string | undefined
  for (let k = j; k < count && k < j + 3; k++) {
    const t = toks[k]
    if (t.kind !== WORD || (k > j && toks[k - 1].kind !== WORD) || NOUN_STOP.has(t.lower)) break
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

/**
 * "24 of the state's 105 counties": a bare number followed by "of" borrows the noun of the count
 * that follows within a few words.
 */
function shareNouns(): void {
  for (let a = 0; a + 1 < out.length; a++) {
    const f = out[a]
    if (f.noun !== undefined || f.dimension !== 'number') continue
    // "2,313 (73.6%) of the 3,142 U.S. counties": a parenthetical share may stand between.
    let b = a + 1
    if (out[b] && out[b].dimension === 'percent' && /^\s*\(\s*$/.test(src.slice(f.end, out[b].start))) b++
    const g = out[b]
    if (!g || g.noun === undefined || g.dimension !== 'count') continue
    const between = src.slice(f.end, g.start).replace(/^\s*\([^()]{0,20}\)/, '')
    if (between.length > 40 || !/^\s+of\b/.test(between)) continue
    f.noun = g.noun
    f.dimension = 'count'
  }
}

// ---------------------------------------------------------------------------------------------
// Citations and footnotes

/** "(1–6)", "[12]", "[3, 4]", "[^2]": skipped whole. Returns the index after, or 0. */
function citation(i: number): number {
  const open = toks[i].lower
  const close = open === '(' ? ')' : ']'
  let j = i + 1
  if (open === '[' && isPunct(j, '^')) j++
  let numbers = 0
  let separators = 0
  while (j < count) {
    const t = toks[j]
    if (t.kind === NUM) {
      if (t.dec > 0 || t.grouped || t.num > MAX_CITATION) return 0
      numbers++
    } else if (t.kind === PUNCT && (t.lower === ',' || t.lower === '-' || t.lower === '–' || t.lower === ';')) {
      separators++
    } else if (t.kind === PUNCT && t.lower === close) {
      break
    } else return 0
    j++
  }
  if (j >= count || numbers === 0) return 0
  // Square brackets are always references. Parentheses are when they hold a list, or close the
  // sentence ("... in children (1–6)."); "(3)" mid-sentence may be a list item, also not a figure.
  if (open === '(' && separators === 0) {
    const after = j + 1 < count ? toks[j + 1] : undefined
    if (after && !(after.kind === PUNCT && (after.lower === '.' || after.lower === ';' || after.lower === ','))) {
      return j + 1 // "(3)" list item: not a figure either way
    }
  }
  return j + 1
}

/** A number glued after a word and punctuation ("border.12", "troops,3") is a footnote marker. */
function isFootnote(i: number): boolean {
  const t = toks[i]
  if (t.sp || i === 0) return false
  const p = toks[i - 1]
  if (p.kind !== PUNCT) return false
  const c = p.lower
  if (c !== '.' && c !== ',' && c !== ')' && c !== '"' && c !== ';' && c !== ':' && c !== "'") return false
  if (i < 2) return false
  const w = toks[i - 2]
  return !p.sp && (w.kind === WORD || (w.kind === PUNCT && w.lower === ')'))
}

// ---------------------------------------------------------------------------------------------
// Identifiers

/** Consumes a glued chain "-300", "-CoV-2", "+1", "s" after token j; returns index after. */
function chainEnd(j: number): {end: number; digits: boolean} {
  let k = j + 1
  let digits = toks[j].kind === NUM || toks[j].kind === MIXED
  while (k < count && !toks[k].sp) {
    const t = toks[k]
    if (t.kind === PUNCT && (t.lower === '-' || t.lower === '+' || t.lower === '/') && k + 1 < count &&
      !toks[k + 1].sp && toks[k + 1].kind !== PUNCT && toks[k + 1].kind !== SKIP) {
      k++
      continue
    }
    if (t.kind === NUM || t.kind === MIXED) { digits = true; k++; continue }
    if (t.kind === WORD && toks[k - 1].kind !== WORD) { k++; continue }
    break
  }
  return {end: k, digits}
}

function lastNumberIn(from: number, to: number): number {
  for (let k = to - 1; k >= from; k--) {
    const t = toks[k]
    if (t.kind === NUM) return t.num
    if (t.kind === MIXED) {
      // Trailing digits of "G20", "A320".
      let e = t.lower.length
      while (e > 0 && !isAsciiDigit(t.lower.charCodeAt(e - 1))) e--
      let b = e
      while (b > 0 && isAsciiDigit(t.lower.charCodeAt(b - 1))) b--
      if (e > b) return Number(t.lower.slice(b, e))
    }
  }
  return NaN
}

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

function emitIdentifier(startTok: number, endTok: number, label: string): number {
  const value = lastNumberIn(startTok, endTok)
  emit({
    startTok, valueTok: startTok, endTok, dimension: 'identifier', value, unit: '', precision: 1,
    approx: 'exact', spelled: false, label,
  })
  return endTok
}

/** "G20", "P5+1", "H1N1": short letter-digit tokens. Long ones ("mm6947e2") are skipped silently. */
function mixedIdentifier(i: number): number {
  const t = toks[i]
  const {end} = chainEnd(i)
  const first = t.lower.charCodeAt(0)
  const startsWithLetter = first >= 97 && first <= 122
  if (!startsWithLetter || t.end - t.start > 6 || NOT_IDENTIFIERS.has(t.lower)) return end
  let n = 0
  while (n < t.lower.length && !(t.lower.charCodeAt(n) >= 48 && t.lower.charCodeAt(n) <= 57)) n++
  return emitIdentifier(i, end, t.lower.slice(0, n))
}

/** "Resolution 2254", "Section 230", "H.R. 1", "Title 42". Returns index after, or 0. */
function labelledIdentifier(i: number): number {
  const t = toks[i]
  const needsCap = ID_LABELS.get(t.lower)
  if (needsCap === undefined || (needsCap && !t.cap)) return 0
  let j = i + 1
  if (isPunct(j, '.') && !toks[j].sp) j++ // "No. 5", "Fig. 3"
  if (isWord(j, 'no') && isPunct(j + 1, '.')) j += 2 // "Resolution No. 2254"
  if (j >= count || (toks[j].kind !== NUM && toks[j].kind !== MIXED)) return 0
  if (toks[j].kind === NUM && toks[j].dec > 0 && t.lower !== 'section') return 0
  let end = chainEnd(j).end
  // "Article 5(2)": keep the sub-paragraph with the identifier.
  if (isPunct(end, '(') && !toks[end].sp && end + 2 < count && isPunct(end + 2, ')')) end += 3
  return emitIdentifier(i, end, t.lower.replace(/\.$/, ''))
}

// ---------------------------------------------------------------------------------------------
// Words

function wordAt(i: number): number {
  const t = toks[i]
  const w = t.lower
  // Dates led by a month or a prefix ("mid-June", "early 2019" is handled by the year path).
  if (t.cap && MONTHS.has(w)) return monthDate(i, i)
  if (DATE_PREFIX.has(w) && isPunct(i + 1, '-') && !toks[i + 1].sp && i + 2 < count && !toks[i + 2].sp) {
    const n = toks[i + 2]
    if (n.kind === WORD && n.cap && MONTHS.has(n.lower)) return monthDate(i + 2, i)
    if (n.kind === NUM && isYearNumber(i + 2)) return yearDate(i + 2, i, i, 'exact')
  }
  if ((w === 'early' || w === 'late' || w === 'mid') && i + 1 < count && toks[i + 1].cap && MONTHS.has(toks[i + 1].lower)) {
    return monthDate(i + 1, i)
  }
  // Identifiers.
  const lab = labelledIdentifier(i)
  if (lab) return lab
  if (isPunct(i + 1, '-') && !toks[i + 1].sp && !SMALL.has(w) && !FRACTIONS.has(w) && !DATE_PREFIX.has(w)) {
    const {end, digits} = chainEnd(i)
    if (digits) return emitIdentifier(i, end, src.slice(t.start, firstDigitOffset(i, end)).toLowerCase())
  }
  // "US$ 5.2bn", "A$3m"
  if (DOLLAR_PREFIX.has(w) && isPunct(i + 1, '$') && !toks[i + 1].sp && isNumAt(i + 2)) return quantity(i)
  if (CURRENCY_PREFIX.has(w) && t.kind === WORD && w.length === 3 && isNumAt(i + 1)) return quantity(i)
  // Spelled numbers and fractions.
  if (SMALL.has(w) || FRACTIONS.has(w) || w === 'dozen' ||
    ((w === 'a' || w === 'an') && i + 1 < count && (toks[i + 1].lower === 'dozen' || toks[i + 1].lower === 'hundred' ||
      SCALES.has(toks[i + 1].lower) || (FRACTIONS.has(toks[i + 1].lower) && !toks[i + 1].lower.endsWith('s'))))) {
    return quantity(i)
  }
  return 0
}

function firstDigitOffset(from: number, to: number): number {
  for (let k = from; k < to; k++) {
    const t = toks[k]
    if (t.kind === NUM) return t.start
    if (t.kind === MIXED) {
      for (let c = t.start; c < t.end; c++) {
        const d = src.charCodeAt(c)
        if (d >= 48 && d <= 57) return c
      }
    }
  }
  return toks[to - 1].end
}

// ---------------------------------------------------------------------------------------------
// Numbers written in digits

function numberAt(i: number): number {
  const t = toks[i]
  if (isFootnote(i)) return i + 1
  // Paths, DOIs and dates like "10.1000/xyz", "24/7", "12/03/2020": digits glued to slashes are
  // not prose figures (units like "km/h" come after a number, never glued to it by a slash).
  if ((isPunct(i + 1, '/') && !toks[i + 1].sp) || (i > 0 && isPunct(i - 1, '/') && !t.sp)) {
    let k = i + 1
    while (k < count && !toks[k].sp) k++
    return k
  }
  const nx = i + 1 < count ? toks[i + 1] : undefined
  if (nx && !nx.sp && nx.kind === WORD) {
    // "1st", "19th Amendment": ordinals are labels, not quantities.
    if (isOrdinalSuffix(nx.lower)) {
      // "12th June 2019" is still a date.
      if (i + 2 < count && toks[i + 2].cap && MONTHS.has(toks[i + 2].lower)) return dayFirstDate(i)
      return i + 2
    }
    // "1990s": a decade, not a quantity.
    if (nx.lower === 's' || nx.lower === "'s") return i + 2
  }
  // "12 June 2019", "5–12 May 2020"
  if (t.dec === 0 && !t.grouped && t.num >= 1 && t.num <= 31) {
    if (i + 1 < count && toks[i + 1].kind === WORD && toks[i + 1].cap && MONTHS.has(toks[i + 1].lower)) return dayFirstDate(i)
    if (isWord(i + 1, 'of') && i + 2 < count && toks[i + 2].cap && MONTHS.has(toks[i + 2].lower)) return dayFirstDate(i)
    if (isDash(i + 1) && isNumAt(i + 2) && i + 3 < count && toks[i + 3].cap && MONTHS.has(toks[i + 3].lower)) return dayFirstDate(i)
  }
  return quantity(i)
}

function isYearNumber(i: number): boolean {
  const t = toks[i]
  return t.kind === NUM && !t.grouped && t.dec === 0 && t.intDigits === 4 && t.num >= 1800 && t.num <= 2100
}

// ---------------------------------------------------------------------------------------------
// Dates

/** Returns a day number at token j (1–31, optional glued ordinal suffix) and sets dayNext. */
let dayNext = 0
function dayAt(j: number): number {
  if (j >= count) return 0
  const t = toks[j]
  if (t.kind !== NUM || t.dec > 0 || t.grouped || t.num < 1 || t.num > 31 || t.intDigits > 2) return 0
  dayNext = j + 1
  if (dayNext < count && !toks[dayNext].sp && toks[dayNext].kind === WORD && isOrdinalSuffix(toks[dayNext].lower)) dayNext++
  // "May 24 troops": a number followed by a unit or a plural noun is a count, not a day.
  if (matchUnit(dayNext, false)) return 0
  return t.num
}

/** Year after a month or day: 4 digits, optionally after a comma. Sets yearNext. */
let yearNext = 0
function yearAt(j: number): number {
  if (isPunct(j, ',')) j++
  if (j < count && toks[j].kind === NUM && toks[j].dec === 0 && !toks[j].grouped && toks[j].intDigits === 4 &&
    toks[j].num >= 1000 && toks[j].num <= 2999) {
    yearNext = j + 1
    return toks[j].num
  }
  return 0
}

function monthAfterDot(j: number): number {
  // "Sept. 2019", "Jun. 12": skip the abbreviation dot.
  return isPunct(j, '.') && !toks[j].sp ? j + 1 : j
}

/** Month-led dates: "September 2019", "June 12, 2019", "May 5–12, 2020", "mid-June", "May 24". */
function monthDate(m: number, startTok: number): number {
  const mt = toks[m]
  const month = MONTHS.get(mt.lower)!
  let j = monthAfterDot(m + 1)
  const date: DateParts = {month}
  let dateEnd: DateParts | undefined
  let end = m + 1
  const day = dayAt(j)
  if (day) {
    date.day = day
    j = dayNext
    end = j
    // "May 5–12, 2020", "August 17–23"
    if (isDash(j)) {
      const d2 = dayAt(j + 1)
      if (d2 > day) {
        dateEnd = {month, day: d2}
        j = dayNext
        end = j
      }
    }
    const y = yearAt(j)
    if (y) {
      date.year = y
      if (dateEnd) dateEnd.year = y
      end = yearNext
    }
  } else {
    const y = yearAt(j)
    if (y && !isPunct(j, ',')) {
      date.year = y
      end = yearNext
    } else {
      // A bare month is a date only after a prefix ("mid-June") or a preposition ("in May");
      // otherwise "May" may be a verb or a name.
      const prev = startTok > 0 ? toks[startTok - 1] : undefined
      const prefixed = startTok !== m
      if (!prefixed && !(prev && prev.kind === WORD && MONTH_CONTEXT.has(prev.lower))) return 0
    }
  }
  const approx = approxBefore(startTok)
  emit({
    startTok: approxStart, valueTok: startTok, endTok: end, dimension: 'date',
    value: dateKey(date), unit: 'date', precision: 1, approx, spelled: false, date, dateEnd,
  })
  return end
}

/** Day-first dates: "12 June 2019", "15 March 2020", "5–12 May 2020", "the 12th of June". */
function dayFirstDate(i: number): number {
  const day = toks[i].num
  let j = i + 1
  if (j < count && !toks[j].sp && toks[j].kind === WORD && isOrdinalSuffix(toks[j].lower)) j++
  let day2 = 0
  if (isDash(j) && isNumAt(j + 1)) {
    day2 = toks[j + 1].num
    j += 2
  }
  if (isWord(j, 'of')) j++
  const month = MONTHS.get(toks[j].lower)!
  j = monthAfterDot(j + 1)
  const date: DateParts = {day, month}
  const dateEnd: DateParts | undefined = day2 > day && day2 <= 31 ? {day: day2, month} : undefined
  let end = j
  const y = yearAt(j)
  if (y && !isPunct(j, ',')) {
    date.year = y
    if (dateEnd) dateEnd.year = y
    end = yearNext
  }
  const approx = approxBefore(i)
  emit({
    startTok: approxStart, valueTok: i, endTok: end, dimension: 'date', value: dateKey(date),
    unit: 'date', precision: 1, approx, spelled: false, date, dateEnd,
  })
  return end
}

function dateKey(d: DateParts): number {
  return (d.year ?? 0) * 10000 + (d.month ?? 0) * 100 + (d.day ?? 0)
}

/**
 * A year ("in 2015") and year ranges ("2021–22", "2015-2017", "between 2015 and 2017").
 * "from 2015 to 2017" gives two dates (a change of state, not a span).
 */
function yearDate(i: number, valueTok: number, startTok: number, approx: Approx): number {
  const year = toks[i].num
  let end = i + 1
  let dateEnd: DateParts | undefined
  const between = startTok - 1 >= floor && isWord(startTok - 1, 'between')
  const sep = end
  if ((isDash(sep) || (between && isWord(sep, 'and')) || (isWord(sep, 'to') && !isWord(startTok - 1, 'from'))) &&
    isNumAt(sep + 1) && toks[sep + 1].dec === 0 && !toks[sep + 1].grouped) {
    const n = toks[sep + 1]
    let y2 = 0
    if (n.intDigits === 4) y2 = n.num
    else if (n.intDigits === 2 && isDash(sep)) y2 = Math.floor(year / 100) * 100 + n.num // "2021–22"
    if (y2 > year && y2 <= 2100 && !matchUnit(sep + 2, false)) {
      dateEnd = {year: y2}
      end = sep + 2
    }
  }
  let s = startTok
  if (between && dateEnd) s = startTok - 1
  emit({
    startTok: s, valueTok, endTok: end, dimension: 'date', value: year * 10000, unit: 'date',
    precision: 1, approx, spelled: false, date: {year}, dateEnd,
  })
  return end
}

// ---------------------------------------------------------------------------------------------
// Quantities

/** Result of parseValue (reused). */
const pv = {
  value: 0, precision: 1, spelled: false, next: 0, ratio: false, fraction: false,
  yearLike: false, scaled: false, denom: 0,
}

/**
 * Parses the number part at token j: digits with an optional scale word ("2 million", "3.5bn"),
 * a spelled number, a fraction ("two thirds", "half", "a quarter"), "a dozen", or a ratio
 * ("one in five"). `money` admits the short scales k/m/b. Fills `pv`.
 */
function parseValue(j: number, money: boolean): boolean {
  pv.ratio = false
  pv.fraction = false
  pv.yearLike = false
  pv.scaled = false
  pv.spelled = false
  if (j >= count) return false
  const t = toks[j]
  let v: number
  let prec: number
  let k: number
  if (t.kind === NUM) {
    v = t.num
    prec = pow10(t.dec)
    k = j + 1
    pv.yearLike = !t.grouped && t.dec === 0 && t.intDigits === 4 && v >= 1800 && v <= 2100
  } else if (t.kind === WORD) {
    const w = t.lower
    const nw = j + 1 < count ? toks[j + 1].lower : ''
    if (w === 'half' || ((w === 'a' || w === 'an' || w === 'one') && FRACTIONS.has(nw) && !nw.endsWith('s'))) {
      // "half", "a half", "a quarter", "one third"
      const d = w === 'half' ? 2 : FRACTIONS.get(nw)!
      v = 1 / d
      k = w === 'half' ? j + 1 : j + 2
      return fractionTail(k, v)
    }
    if ((w === 'a' || w === 'an') && nw === 'dozen') {
      v = 12
      prec = 1
      k = j + 2
      pv.spelled = true
    } else if (parseSpelled(j)) {
      v = spelled.value
      prec = spelled.precision
      k = spelled.next
      pv.spelled = true
      // "one" alone is mostly a pronoun or article ("one of the largest"): only count it when a
      // unit, fraction, scale or "in N" follows.
      // "two thirds", "two-thirds", "three quarters"
      let f = k
      if (isPunct(f, '-') && !toks[f].sp) f++
      if (f < count && toks[f].kind === WORD && FRACTIONS.has(toks[f].lower) && toks[f].lower !== 'half' &&
        Number.isInteger(v) && v > 0 && v < 20) {
        return fractionTail(f + 1, v / FRACTIONS.get(toks[f].lower)!)
      }
    } else return false
  } else return false
  // Scale word: "2 million", "3.5bn", "$5k" (k/m/b only after a currency).
  if (k < count && toks[k].kind === WORD) {
    const w = toks[k].lower
    const sc = SCALES.get(w) ?? (money && !toks[k].sp ? MONEY_SCALES.get(w) : undefined) ??
      (money && (w === 'm' || w === 'b' || w === 'k') ? MONEY_SCALES.get(w) : undefined)
    if (sc !== undefined && !(pv.spelled && w.length > 3)) {
      v *= sc
      prec *= sc
      k++
      pv.scaled = true
      pv.yearLike = false
    } else if (w === 'dozen') {
      v *= 12
      prec *= 12
      k++
    }
  }
  // "one and a half", "2 and a half years"
  if (isWord(k, 'and') && isWord(k + 1, 'a') && isWord(k + 2, 'half') && !pv.scaled) {
    v += 0.5
    prec = 0.5
    k += 3
    pv.yearLike = false
  }
  // "one in five", "1 in 4 adults", "three out of four"
  if (Number.isInteger(v) && !pv.scaled && v > 0) {
    let r = -1
    if (isWord(k, 'in')) r = k + 1
    else if (isWord(k, 'out') && isWord(k + 1, 'of')) r = k + 2
    if (r > 0 && r < count) {
      let d = 0
      let rn = 0
      const rt = toks[r]
      if (rt.kind === NUM && rt.dec === 0 && !(rt.intDigits === 4 && !rt.grouped && rt.num >= 1800)) {
        d = rt.num
        rn = r + 1
      } else if (rt.kind === WORD && parseSpelled(r)) {
        d = spelled.value
        rn = spelled.next
      }
      if (d > v) {
        pv.value = v / d
        pv.precision = FRACTION_PRECISION
        pv.next = rn
        pv.ratio = true
        pv.yearLike = false
        return true
      }
    }
  }
  pv.value = v
  pv.precision = prec
  pv.next = k
  return true
}

/**
 * After a fraction: "half a million", "a quarter of a million", "half an hour" (unit is left for
 * the caller), "two thirds of the counties".
 */
function fractionTail(k: number, v: number): boolean {
  pv.spelled = true
  pv.fraction = true
  pv.ratio = true
  let j = k
  if (isWord(j, 'of')) j++
  if (isWord(j, 'a') || isWord(j, 'an')) j++
  if (j < count && toks[j].kind === WORD) {
    const sc = SCALES.get(toks[j].lower)
    if (sc !== undefined && toks[j].lower.length > 3) {
      pv.value = v * sc
      pv.precision = 0.1 * sc
      pv.next = j + 1
      pv.ratio = false
      pv.fraction = false
      return true
    }
  }
  pv.value = v
  pv.precision = FRACTION_PRECISION
  pv.next = k
  return true
}

/** Currency prefix at token j: sets curCode/curNext, returns true if present. */
let curCode = ''
let curNext = 0
let curDisplay = ''
function currencyAt(j: number): boolean {
  if (j >= count) return false
  const t = toks[j]
  if (t.kind === PUNCT && CURRENCY_PREFIX.has(t.lower)) {
    curCode = CURRENCY_PREFIX.get(t.lower)!
    curDisplay = t.lower
    curNext = j + 1
    return true
  }
  if (t.kind === WORD && DOLLAR_PREFIX.has(t.lower) && isPunct(j + 1, '$') && !toks[j + 1].sp) {
    curCode = DOLLAR_PREFIX.get(t.lower)!
    curDisplay = src.slice(t.start, toks[j + 1].end)
    curNext = j + 2
    return true
  }
  if (t.kind === WORD && t.lower.length === 3 && CURRENCY_PREFIX.has(t.lower) && isNumAt(j + 1)) {
    curCode = CURRENCY_PREFIX.get(t.lower)!
    curDisplay = t.lower.toUpperCase()
    curNext = j + 1
    return true
  }
  return false
}

/** "per 100,000", "per million", "per 1,000 live births": sets rateNext, returns the denominator. */
let rateNext = 0
function rateAt(j: number): number {
  if (!isWord(j, 'per')) return 0
  const t = j + 1 < count ? toks[j + 1] : undefined
  if (!t) return 0
  if (t.kind === NUM && t.dec === 0 && t.num >= 10) {
    let k = j + 2
    let d = t.num
    const sc = k < count ? SCALES.get(toks[k].lower) : undefined
    if (sc !== undefined) { d *= sc; k++ }
    rateNext = k
    return d
  }
  if (t.kind === WORD) {
    const sc = t.lower === 'hundred' ? 100 : SCALES.get(t.lower)
    if (sc !== undefined && t.lower.length > 3) {
      rateNext = j + 2
      return sc
    }
  }
  return 0
}

/**
 * A quantity starting at token i (currency, sign, number, unit, range, noun). Also routes bare
 * years to yearDate. Returns the index after, or 0.
 */
function quantity(i: number): number {
  let j = i
  let currency = ''
  let display = ''
  if (currencyAt(j)) {
    currency = curCode
    display = curDisplay
    j = curNext
  }
  let neg = false
  if (isPunct(j, '−') || (isPunct(j, '-') && isNumAt(j + 1) && !toks[j + 1].sp)) {
    neg = true
    j++
  }
  if (!parseValue(j, currency !== '')) return 0
  const numTok = j
  const firstNext = pv.next
  const isFraction = pv.fraction
  let value = neg ? -pv.value : pv.value
  let precision = pv.precision
  const isSpelled = pv.spelled
  let ratio = pv.ratio
  let k = pv.next
  const yearLike = pv.yearLike && !neg && currency === ''
  const single = k === j + 1 && toks[j].kind === NUM

  // A glued word that is neither unit nor scale ("3D", "4G") makes the whole an identifier-ish
  // token: not a figure.
  if (single && k < count && !toks[k].sp && toks[k].kind === WORD && !matchUnit(k, true) &&
    !isOrdinalSuffix(toks[k].lower)) {
    return k + 1
  }

  let approx = approxBefore(i)
  let startTok = approxStart

  // Years: a 4-digit number 1800–2100 with no unit after it, unless an approximation word and
  // a counted noun make it a count ("some 2000 troops").
  if (yearLike && !matchUnit(k, sawPercent)) {
    const noun = approx !== 'exact' ? findNoun(k) : undefined
    if (noun === undefined || !noun.endsWith('s')) return yearDate(numTok, i, startTok, approx)
  }

  let def: UnitDef | null = null
  if (currency === '') {
    let u = k
    // "half an hour", "a quarter of an hour", "half a percentage point"
    if (isFraction) {
      if (isWord(u, 'of')) u++
      if (isWord(u, 'a') || isWord(u, 'an')) u++
    }
    if (matchUnit(u, sawPercent)) {
      def = unitMatch.def
      k = unitMatch.next
      ratio = false
    }
  }
  // "5 million dollars", "$5 million" already handled; "5 million euros" is a unit of money.
  if (def && def.dim === 'money') {
    currency = def.unit
    display = def.display
    def = null
  }

  // Ranges: "81–100 days", "40 to 60 km", "between 92.1% and 97.4%", "$5–6 million".
  let low: number | undefined
  let high: number | undefined
  const between = startTok - 1 >= floor && isWord(startTok - 1, 'between') && approx === 'exact'
  // A change verb or "from" before "X to Y" makes two figures: "rose from 13.5% to 18.6%".
  // ... unless a verb of spread precedes "from": "ranged in size from 11 to 20 students".
  const fromCtx = startTok - 1 >= floor && startTok - 1 >= 0 &&
    (CHANGE_WORDS.has(toks[startTok - 1].lower)) && !spreadBefore(startTok - 1)
  const sep = k
  if (!ratio && (isDash(sep) || isWord(sep, 'to') || (between && isWord(sep, 'and')))) {
    let r = sep + 1
    let cur2 = ''
    if (currencyAt(r)) { cur2 = curCode; r = curNext }
    if ((cur2 === '' || cur2 === currency) && r < count && (toks[r].kind === NUM || (toks[r].kind === WORD && SMALL.has(toks[r].lower))) &&
      parseValue(r, currency !== '') && !pv.ratio) {
      const v2 = pv.value
      const p2 = pv.precision
      let r2 = pv.next
      let def2: UnitDef | null = null
      if (currency === '' && matchUnit(r2, sawPercent)) {
        def2 = unitMatch.def
        r2 = unitMatch.next
      }
      const scaled2 = pv.scaled
      const sameUnit = def2 === null || def === null || def2 === def
      // "$5–6 million": the scale written on the second number applies to the first.
      let v1 = value
      let p1 = precision
      if (scaled2 && !pv.yearLike) {
        const sc = v2 / (toks[r].kind === NUM ? toks[r].num : v2)
        if (sc > 1 && toks[numTok].kind === NUM && pv.next === r + 2 && v1 < v2 / sc) {
          v1 *= sc
          p1 *= sc
        }
      }
      const rangeDef = def ?? def2
      if (fromCtx) {
        // "from 13.5% to 18.6%": a change; the first figure borrows the unit if it has none.
        if (def === null && def2 !== null && currency === '') {
          def = def2
        }
      } else if (sameUnit && v2 > v1) {
        value = v1
        precision = Math.min(p1, p2)
        low = v1
        high = v2
        def = rangeDef
        k = r2
        if (between) startTok -= 1
      }
    }
  }

  // Rates: "37.4 cases per 100,000".
  let noun: string | undefined
  let rateDen = 0
  if (def === null && currency === '' && !ratio) {
    let n = k
    noun = findNoun(k)
    // Step over the noun words to reach "per".
    while (n < count && n < k + 3 && toks[n].kind === WORD && !isWord(n, 'per') && !NOUN_STOP.has(toks[n].lower)) n++
    const d = rateAt(n)
    if (d) {
      rateDen = d
      k = rateNext
      // "per 100,000 people": the denominator's own noun is part of the span but not the figure's noun.
    }
  } else if (ratio) {
    // "two thirds of the counties", "one in five adults", "half the wells"
    let n = k
    if (isWord(n, 'of')) n++
    if (isWord(n, 'the')) n++
    noun = findNoun(n)
  }

  // "one" alone: a pronoun or article far more often than a count.
  if (isSpelled && value === 1 && !ratio && def === null && currency === '' && rateDen === 0 && toks[numTok].lower === 'one' &&
    firstNext === numTok + 1) {
    return numTok + 1
  }

  const suffixApprox = approxAfter(k)
  if (approx === 'exact' && suffixApprox !== 'exact') {
    approx = suffixApprox
    k = approxAfterEnd
  }

  let dimension: Dimension
  let unit = ''
  let displayUnit: string | undefined
  if (currency !== '') {
    dimension = 'money'
    unit = currency
    displayUnit = display
  } else if (def !== null) {
    dimension = def.dim
    unit = def.unit
    displayUnit = def.display
    value *= def.factor
    precision *= def.factor
    if (low !== undefined) { low *= def.factor; high! *= def.factor }
    if (isFraction) precision = FRACTION_PRECISION * def.factor
  } else if (rateDen) {
    dimension = 'rate'
    unit = `per ${rateDen}`
  } else if (ratio) {
    dimension = 'ratio'
  } else if (noun !== undefined) {
    dimension = 'count'
  } else {
    dimension = 'number'
  }
  if (low !== undefined && high !== undefined) value = (low + high) / 2
  // Only counts, ratios and rates carry a noun; "85 km away" measures no noun.
  if (dimension !== 'count' && dimension !== 'ratio' && dimension !== 'rate') noun = undefined
  emit({
    startTok, valueTok: i,
    endTok: k, dimension, value, unit, precision, approx, spelled: isSpelled, low, high,
    displayUnit, noun,
  })
  return k
}
