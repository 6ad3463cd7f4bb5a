/**
 * Dates: month-led ("September 2019", "June 12, 2019", "May 5–12, 2020", "mid-June"), day-first
 * ("12 June 2019", "the 12th of June") and years with their ranges ("2021–22", "between 2015
 * and 2017"). Each parser takes the scanner at a token and returns the index after the date.
 */
import type {Approx, DateParts} from './types'
import {NUM, WORD} from './tokenize'
import {matchUnit} from './units'
import {MONTHS, MONTH_CONTEXT} from './lexicon'
import {type FigureScanner, approxBefore, emit, isDash, isNumAt, isOrdinalSuffix, isPunct, isWord} from './scanner'

/** Returns a day number at token j (1–31, optional glued ordinal suffix) and sets dayNext. */
function dayAt(s: FigureScanner, j: number): number {
  if (j >= s.count) return 0
  const t = s.toks[j]
  if (t.kind !== NUM || t.dec > 0 || t.grouped || t.num < 1 || t.num > 31 || t.intDigits > 2) return 0
  s.dayNext = j + 1
  if (s.dayNext < s.count && !s.toks[s.dayNext].sp && s.toks[s.dayNext].kind === WORD && isOrdinalSuffix(s.toks[s.dayNext].lower)) s.dayNext++
  // "May 24 troops": a number followed by a unit or a plural noun is a count, not a day.
  if (matchUnit(s, s.dayNext, false, s.unit)) return 0
  return t.num
}

/** Year after a month or day: 4 digits, optionally after a comma. Sets yearNext. */
function yearAt(s: FigureScanner, j: number): number {
  if (isPunct(s, j, ',')) j++
  if (j < s.count && s.toks[j].kind === NUM && s.toks[j].dec === 0 && !s.toks[j].grouped && s.toks[j].intDigits === 4 &&
    s.toks[j].num >= 1000 && s.toks[j].num <= 2999) {
    s.yearNext = j + 1
    return s.toks[j].num
  }
  return 0
}

function monthAfterDot(s: FigureScanner, j: number): number {
  // "Sept. 2019", "Jun. 12": skip the abbreviation dot.
  return isPunct(s, j, '.') && !s.toks[j].sp ? j + 1 : j
}

/** Month-led dates: "September 2019", "June 12, 2019", "May 5–12, 2020", "mid-June", "May 24". */
export function monthDate(s: FigureScanner, m: number, startTok: number): number {
  const mt = s.toks[m]
  const month = MONTHS.get(mt.lower)!
  let j = monthAfterDot(s, m + 1)
  const date: DateParts = {month}
  let dateEnd: DateParts | undefined
  let end = m + 1
  const day = dayAt(s, j)
  if (day) {
    date.day = day
    j = s.dayNext
    end = j
    // "May 5–12, 2020", "August 17–23"
    if (isDash(s, j)) {
      const d2 = dayAt(s, j + 1)
      if (d2 > day) {
        dateEnd = {month, day: d2}
        j = s.dayNext
        end = j
      }
    }
    // "June 1–August 23, 2020", "August 23 to November 16, 2021", "between June 1 and June 30":
    // one span whose year, written once at the end, dates both ends.
    let between = false
    if (!dateEnd && yearAt(s, j) === 0) {
      between = startTok - 1 >= s.floor && isWord(s, startTok - 1, 'between')
      const sep = isDash(s, j) || isWord(s, j, 'to') || isWord(s, j, 'through') || isWord(s, j, 'until') || (between && isWord(s, j, 'and'))
      const m2 = sep ? s.toks[j + 1] : undefined
      const month2 = m2 && m2.kind === WORD && m2.cap ? MONTHS.get(m2.lower) : undefined
      const d2 = month2 !== undefined ? dayAt(s, monthAfterDot(s, j + 2)) : 0
      if (month2 !== undefined && d2 && (month2 > month || (month2 === month && d2 > day))) {
        dateEnd = {month: month2, day: d2}
        j = s.dayNext
        end = j
      } else between = false
    }
    const y = yearAt(s, j)
    if (y) {
      date.year = y
      if (dateEnd) dateEnd.year = y
      end = s.yearNext
    }
    if (between) startTok -= 1
  } else {
    const y = yearAt(s, j)
    if (y && !isPunct(s, j, ',')) {
      date.year = y
      end = s.yearNext
    } else {
      // A bare month is a date only after a prefix ("mid-June") or a preposition ("in May");
      // otherwise "May" may be a verb or a name.
      const prev = startTok > 0 ? s.toks[startTok - 1] : undefined
      const prefixed = startTok !== m
      if (!prefixed && !(prev && prev.kind === WORD && MONTH_CONTEXT.has(prev.lower))) return 0
    }
  }
  const approx = approxBefore(s, startTok)
  emit(s, {
    startTok: s.approxStart, valueTok: startTok, endTok: end, dimension: 'date',
    value: dateKey(date), unit: 'date', precision: 1, approx, spelled: false, date, dateEnd,
  })
  return end
}

/** Day-first dates: "12 June 2019", "15 March 2020", "5–12 May 2020", "the 12th of June". */
export function dayFirstDate(s: FigureScanner, i: number): number {
  const day = s.toks[i].num
  let j = i + 1
  if (j < s.count && !s.toks[j].sp && s.toks[j].kind === WORD && isOrdinalSuffix(s.toks[j].lower)) j++
  let day2 = 0
  if (isDash(s, j) && isNumAt(s, j + 1)) {
    day2 = s.toks[j + 1].num
    j += 2
  }
  if (isWord(s, j, 'of')) j++
  const month = MONTHS.get(s.toks[j].lower)!
  j = monthAfterDot(s, j + 1)
  const date: DateParts = {day, month}
  const dateEnd: DateParts | undefined = day2 > day && day2 <= 31 ? {day: day2, month} : undefined
  let end = j
  const y = yearAt(s, j)
  if (y && !isPunct(s, j, ',')) {
    date.year = y
    if (dateEnd) dateEnd.year = y
    end = s.yearNext
  }
  const approx = approxBefore(s, i)
  emit(s, {
    startTok: s.approxStart, valueTok: i, endTok: end, dimension: 'date', value: dateKey(date),
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
export function yearDate(s: FigureScanner, i: number, valueTok: number, startTok: number, approx: Approx): number {
  const year = s.toks[i].num
  let end = i + 1
  let dateEnd: DateParts | undefined
  const between = startTok - 1 >= s.floor && isWord(s, startTok - 1, 'between')
  const sep = end
  if ((isDash(s, sep) || (between && isWord(s, sep, 'and')) || (isWord(s, sep, 'to') && !isWord(s, startTok - 1, 'from'))) &&
    isNumAt(s, sep + 1) && s.toks[sep + 1].dec === 0 && !s.toks[sep + 1].grouped) {
    const n = s.toks[sep + 1]
    let y2 = 0
    if (n.intDigits === 4) y2 = n.num
    else if (n.intDigits === 2 && isDash(s, sep)) y2 = Math.floor(year / 100) * 100 + n.num // "2021–22"
    if (y2 > year && y2 <= 2100 && !matchUnit(s, sep + 2, false, s.unit)) {
      dateEnd = {year: y2}
      end = sep + 2
    }
  }
  let first = startTok
  if (between && dateEnd) first = startTok - 1
  emit(s, {
    startTok: first, valueTok, endTok: end, dimension: 'date', value: year * 10000, unit: 'date',
    precision: 1, approx, spelled: false, date: {year}, dateEnd,
  })
  return end
}
