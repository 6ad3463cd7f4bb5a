/**
 * Quantities: a number (digits, number words, fractions, "one in five") with its currency,
 * sign, scale, unit, range, rate denominator, counted noun and approximation words. Bare years
 * are handed to dates.ts. The parser takes the scanner at a token and returns the index after
 * the quantity, or 0.
 */
import type {Dimension} from './types'
import {NUM, PUNCT, WORD} from './tokenize'
import {FRACTIONS, MONEY_SCALES, SCALES, SMALL, parseSpelled} from './number-words'
import {CURRENCY_PREFIX, DOLLAR_PREFIX, type UnitDef, matchUnit} from './units'
import {CHANGE_WORDS, NOUN_STOP, SPREAD_WORDS} from './lexicon'
import {
  type FigureScanner, approxAfter, approxBefore, emit, findNoun, isDash, isNumAt, isOrdinalSuffix, isPunct, isWord, pow10,
} from './scanner'
import {yearDate} from './dates'

/**
 * Precision given to fractions and "N in M" ratios, as a share of their unit (0.05 = five
 * percentage points for a ratio, three minutes for "a quarter of an hour"). "Two thirds" is
 * conventionally used for anything from about 64% to 69%; a tighter precision would flag
 * correct paraphrases, a looser one would let "a quarter" pass for 30%.
 */
const FRACTION_PRECISION = 0.05

/** A verb of spread ("ranged", "varied") within four words before token `at` ("from"). */
function spreadBefore(s: FigureScanner, at: number): boolean {
  if (s.toks[at].lower !== 'from') return false
  for (let k = at - 1; k >= Math.max(s.floor, at - 4); k--) if (SPREAD_WORDS.has(s.toks[k].lower)) return true
  return false
}

/**
 * Parses the number part at token j: digits with an optional scale word ("2 million", "3.5bn"),
 * a spelled number, a fraction ("two thirds", "half", "a quarter"), "a dozen", or a ratio
 * ("one in five"). `money` admits the short scales k/m/b. Fills `s.pv`.
 */
function parseValue(s: FigureScanner, j: number, money: boolean): boolean {
  s.pv.ratio = false
  s.pv.fraction = false
  s.pv.yearLike = false
  s.pv.scaled = false
  s.pv.spelled = false
  if (j >= s.count) return false
  const t = s.toks[j]
  let v: number
  let prec: number
  let k: number
  if (t.kind === NUM) {
    v = t.num
    prec = pow10(t.dec)
    k = j + 1
    s.pv.yearLike = !t.grouped && t.dec === 0 && t.intDigits === 4 && v >= 1800 && v <= 2100
  } else if (t.kind === WORD) {
    const w = t.lower
    const nw = j + 1 < s.count ? s.toks[j + 1].lower : ''
    if (w === 'half' || ((w === 'a' || w === 'an' || w === 'one') && FRACTIONS.has(nw) && !nw.endsWith('s'))) {
      // "half", "a half", "a quarter", "one third"
      const d = w === 'half' ? 2 : FRACTIONS.get(nw)!
      v = 1 / d
      k = w === 'half' ? j + 1 : j + 2
      return fractionTail(s, k, v)
    }
    if ((w === 'a' || w === 'an') && nw === 'dozen') {
      v = 12
      prec = 1
      k = j + 2
      s.pv.spelled = true
    } else if (parseSpelled(s, j, s.spelled)) {
      v = s.spelled.value
      prec = s.spelled.precision
      k = s.spelled.next
      s.pv.spelled = true
      // "one" alone is mostly a pronoun or article ("one of the largest"): only count it when a
      // unit, fraction, scale or "in N" follows.
      // "two thirds", "two-thirds", "three quarters"
      let f = k
      if (isPunct(s, f, '-') && !s.toks[f].sp) f++
      if (f < s.count && s.toks[f].kind === WORD && FRACTIONS.has(s.toks[f].lower) && s.toks[f].lower !== 'half' &&
        Number.isInteger(v) && v > 0 && v < 20) {
        return fractionTail(s, f + 1, v / FRACTIONS.get(s.toks[f].lower)!)
      }
    } else return false
  } else return false
  // Scale word: "2 million", "3.5bn", "$5k" (k/m/b only after a currency).
  if (k < s.count && s.toks[k].kind === WORD) {
    const w = s.toks[k].lower
    const sc = SCALES.get(w) ?? (money && !s.toks[k].sp ? MONEY_SCALES.get(w) : undefined) ??
      (money && (w === 'm' || w === 'b' || w === 'k') ? MONEY_SCALES.get(w) : undefined)
    if (sc !== undefined && !(s.pv.spelled && w.length > 3)) {
      v *= sc
      prec *= sc
      k++
      s.pv.scaled = true
      s.pv.yearLike = false
    } else if (w === 'dozen') {
      v *= 12
      prec *= 12
      k++
    }
  }
  // "one and a half", "2 and a half years"
  if (isWord(s, k, 'and') && isWord(s, k + 1, 'a') && isWord(s, k + 2, 'half') && !s.pv.scaled) {
    v += 0.5
    prec = 0.5
    k += 3
    s.pv.yearLike = false
  }
  // "one in five", "1 in 4 adults", "three out of four"
  if (Number.isInteger(v) && !s.pv.scaled && v > 0) {
    let r = -1
    if (isWord(s, k, 'in')) r = k + 1
    else if (isWord(s, k, 'out') && isWord(s, k + 1, 'of')) r = k + 2
    if (r > 0 && r < s.count) {
      let d = 0
      let rn = 0
      const rt = s.toks[r]
      if (rt.kind === NUM && rt.dec === 0 && !(rt.intDigits === 4 && !rt.grouped && rt.num >= 1800)) {
        d = rt.num
        rn = r + 1
      } else if (rt.kind === WORD && parseSpelled(s, r, s.spelled)) {
        d = s.spelled.value
        rn = s.spelled.next
      }
      if (d > v) {
        s.pv.value = v / d
        s.pv.precision = FRACTION_PRECISION
        s.pv.next = rn
        s.pv.ratio = true
        s.pv.yearLike = false
        return true
      }
    }
  }
  s.pv.value = v
  s.pv.precision = prec
  s.pv.next = k
  return true
}

/**
 * After a fraction: "half a million", "a quarter of a million", "half an hour" (unit is left for
 * the caller), "two thirds of the counties".
 */
function fractionTail(s: FigureScanner, k: number, v: number): boolean {
  s.pv.spelled = true
  s.pv.fraction = true
  s.pv.ratio = true
  let j = k
  if (isWord(s, j, 'of')) j++
  if (isWord(s, j, 'a') || isWord(s, j, 'an')) j++
  if (j < s.count && s.toks[j].kind === WORD) {
    const sc = SCALES.get(s.toks[j].lower)
    if (sc !== undefined && s.toks[j].lower.length > 3) {
      s.pv.value = v * sc
      s.pv.precision = 0.1 * sc
      s.pv.next = j + 1
      s.pv.ratio = false
      s.pv.fraction = false
      return true
    }
  }
  s.pv.value = v
  s.pv.precision = FRACTION_PRECISION
  s.pv.next = k
  return true
}

/** Currency prefix at token j: sets curCode/curNext, returns true if present. */
function currencyAt(s: FigureScanner, j: number): boolean {
  if (j >= s.count) return false
  const t = s.toks[j]
  if (t.kind === PUNCT && CURRENCY_PREFIX.has(t.lower)) {
    s.curCode = CURRENCY_PREFIX.get(t.lower)!
    s.curDisplay = t.lower
    s.curNext = j + 1
    return true
  }
  if (t.kind === WORD && DOLLAR_PREFIX.has(t.lower) && isPunct(s, j + 1, '$') && !s.toks[j + 1].sp) {
    s.curCode = DOLLAR_PREFIX.get(t.lower)!
    s.curDisplay = s.src.slice(t.start, s.toks[j + 1].end)
    s.curNext = j + 2
    return true
  }
  if (t.kind === WORD && t.lower.length === 3 && CURRENCY_PREFIX.has(t.lower) && isNumAt(s, j + 1)) {
    s.curCode = CURRENCY_PREFIX.get(t.lower)!
    s.curDisplay = t.lower.toUpperCase()
    s.curNext = j + 1
    return true
  }
  return false
}

/** "per 100,000", "per million", "per 1,000 live births": sets rateNext, returns the denominator. */
function rateAt(s: FigureScanner, j: number): number {
  if (!isWord(s, j, 'per')) return 0
  const t = j + 1 < s.count ? s.toks[j + 1] : undefined
  if (!t) return 0
  if (t.kind === NUM && t.dec === 0 && t.num >= 10) {
    let k = j + 2
    let d = t.num
    const sc = k < s.count ? SCALES.get(s.toks[k].lower) : undefined
    if (sc !== undefined) { d *= sc; k++ }
    s.rateNext = k
    return d
  }
  if (t.kind === WORD) {
    const sc = t.lower === 'hundred' ? 100 : SCALES.get(t.lower)
    if (sc !== undefined && t.lower.length > 3) {
      s.rateNext = j + 2
      return sc
    }
  }
  return 0
}

/**
 * A quantity starting at token i (currency, sign, number, unit, range, noun). Also routes bare
 * years to yearDate. Returns the index after, or 0.
 */
export function quantity(s: FigureScanner, i: number): number {
  let j = i
  let currency = ''
  let display = ''
  if (currencyAt(s, j)) {
    currency = s.curCode
    display = s.curDisplay
    j = s.curNext
  }
  let neg = false
  if (isPunct(s, j, '−') || (isPunct(s, j, '-') && isNumAt(s, j + 1) && !s.toks[j + 1].sp)) {
    neg = true
    j++
  }
  if (!parseValue(s, j, currency !== '')) return 0
  const numTok = j
  const firstNext = s.pv.next
  const isFraction = s.pv.fraction
  let value = neg ? -s.pv.value : s.pv.value
  let precision = s.pv.precision
  const isSpelled = s.pv.spelled
  let ratio = s.pv.ratio
  let k = s.pv.next
  const yearLike = s.pv.yearLike && !neg && currency === ''
  const single = k === j + 1 && s.toks[j].kind === NUM

  // A glued word that is neither unit nor scale ("3D", "4G") makes the whole an identifier-ish
  // token: not a figure.
  if (single && k < s.count && !s.toks[k].sp && s.toks[k].kind === WORD && !matchUnit(s, k, true, s.unit) &&
    !isOrdinalSuffix(s.toks[k].lower)) {
    return k + 1
  }

  let approx = approxBefore(s, i)
  let startTok = s.approxStart

  // Years: a 4-digit number 1800–2100 with no unit after it, unless an approximation word and
  // a counted noun make it a count ("some 2000 troops").
  if (yearLike && !matchUnit(s, k, s.sawPercent, s.unit)) {
    const noun = approx !== 'exact' ? findNoun(s, k) : undefined
    if (noun === undefined || !noun.endsWith('s')) return yearDate(s, numTok, i, startTok, approx)
  }

  let def: UnitDef | null = null
  if (currency === '') {
    let u = k
    // "half an hour", "a quarter of an hour", "half a percentage point"
    if (isFraction) {
      if (isWord(s, u, 'of')) u++
      if (isWord(s, u, 'a') || isWord(s, u, 'an')) u++
    }
    if (matchUnit(s, u, s.sawPercent, s.unit)) {
      def = s.unit.def
      k = s.unit.next
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
  const between = startTok - 1 >= s.floor && isWord(s, startTok - 1, 'between') && approx === 'exact'
  // A change verb or "from" before "X to Y" makes two figures: "rose from 13.5% to 18.6%".
  // ... unless a verb of spread precedes "from": "ranged in size from 11 to 20 students".
  const fromCtx = startTok - 1 >= s.floor && startTok - 1 >= 0 &&
    (CHANGE_WORDS.has(s.toks[startTok - 1].lower)) && !spreadBefore(s, startTok - 1)
  const sep = k
  if (!ratio && (isDash(s, sep) || isWord(s, sep, 'to') || (between && isWord(s, sep, 'and')))) {
    let r = sep + 1
    let cur2 = ''
    if (currencyAt(s, r)) { cur2 = s.curCode; r = s.curNext }
    if ((cur2 === '' || cur2 === currency) && r < s.count && (s.toks[r].kind === NUM || (s.toks[r].kind === WORD && SMALL.has(s.toks[r].lower))) &&
      parseValue(s, r, currency !== '') && !s.pv.ratio) {
      const v2 = s.pv.value
      const p2 = s.pv.precision
      let r2 = s.pv.next
      let def2: UnitDef | null = null
      if (currency === '' && matchUnit(s, r2, s.sawPercent, s.unit)) {
        def2 = s.unit.def
        r2 = s.unit.next
      }
      const scaled2 = s.pv.scaled
      const sameUnit = def2 === null || def === null || def2 === def
      // "$5–6 million": the scale written on the second number applies to the first.
      let v1 = value
      let p1 = precision
      if (scaled2 && !s.pv.yearLike) {
        const sc = v2 / (s.toks[r].kind === NUM ? s.toks[r].num : v2)
        if (sc > 1 && s.toks[numTok].kind === NUM && s.pv.next === r + 2 && v1 < v2 / sc) {
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
    noun = findNoun(s, k)
    // Step over the noun words to reach "per".
    while (n < s.count && n < k + 3 && s.toks[n].kind === WORD && !isWord(s, n, 'per') && !NOUN_STOP.has(s.toks[n].lower)) n++
    const d = rateAt(s, n)
    if (d) {
      rateDen = d
      k = s.rateNext
      // "per 100,000 people": the denominator's own noun is part of the span but not the figure's noun.
    }
  } else if (ratio) {
    // "two thirds of the counties", "one in five adults", "half the wells"
    let n = k
    if (isWord(s, n, 'of')) n++
    if (isWord(s, n, 'the')) n++
    noun = findNoun(s, n)
  }

  // "one" alone: a pronoun or article far more often than a count.
  if (isSpelled && value === 1 && !ratio && def === null && currency === '' && rateDen === 0 && s.toks[numTok].lower === 'one' &&
    firstNext === numTok + 1) {
    return numTok + 1
  }

  const suffixApprox = approxAfter(s, k)
  if (approx === 'exact' && suffixApprox !== 'exact') {
    approx = suffixApprox
    k = s.approxAfterEnd
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
  emit(s, {
    startTok, valueTok: i,
    endTok: k, dimension, value, unit, precision, approx, spelled: isSpelled, low, high,
    displayUnit, noun,
  })
  return k
}