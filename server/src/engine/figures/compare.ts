/**
 * Deciding whether two figures say the same thing, and printing a figure for messages.
 *
 * Model: every figure stands for an interval of true values it is consistent with. An exact
 * figure covers its rounding interval (value ± precision/2); an approximate one ("about X")
 * covers a wider interval; bounds ("at least X") are half-open; ranges cover low..high. Two
 * figures agree when their intervals intersect. Two exceptions where the interval model is
 * wrong for fact-checking, both from the brief:
 * - both figures carry a bound of the same direction ("at least 40 km" vs "at least 85 km"):
 *   the bound values themselves are compared, since a writer who weakens the source's bound
 *   misreports it even though the claims are mathematically compatible;
 * - two ranges agree only when they are the same range, not when they merely overlap.
 */
import type {DateParts, Figure} from './types'
import {DISPLAY_FACTOR} from './units'

/**
 * "about/roughly/approximately/around/some/nearly/almost/an estimated X": ±10% of X, or one unit
 * of the written precision when that is wider ("roughly two million" covers 1–3 million because
 * the writer rounded to the million). Ten percent is the usual reach of "roughly" in reporting:
 * wide enough for a rounded paraphrase of 1,960,703 as "roughly two million", narrow enough that
 * "about 6 percent" does not pass for 7.
 */
export const APPROX_RELATIVE = 0.1

/**
 * Floating-point slack added to every interval test, relative to the magnitudes compared, so
 * that 0.1 + 0.2 style representation error never decides a verdict.
 */
const EPSILON = 1e-9

/**
 * Bounds of a calendar month in days, used when months are compared with days or weeks:
 * "four months" covers 4×29.5 .. 4×31 = 118 .. 124 days. 29.5 rather than 28 because a span of
 * several months averages out February; the brief's acceptance example is [118, 124] for four.
 */
export const MONTH_MIN_DAYS = 29.5
export const MONTH_MAX_DAYS = 31
/** A year is 365 or 366 days. */
export const YEAR_MIN_DAYS = 365
export const YEAR_MAX_DAYS = 366
/** Mean lengths, as units.ts converts them. */
const MONTH_MEAN_DAYS = 30.436875
const YEAR_MEAN_DAYS = 365.2425

/**
 * Dimensions that measure the same kind of thing and may be compared with each other, with the
 * factor that brings each into a shared scale. A bare number compares with a count; a ratio (0.2)
 * with a percent (20) and with percentage points — writers say "a half-percent rise" for half a
 * percentage point, and the brief asks that they agree.
 */
function family(f: Figure): {key: string; scale: number} {
  switch (f.dimension) {
    case 'number': case 'count': return {key: 'count', scale: 1}
    // Percentage points are not percents: "fell 5.6 points" and "95%" measure different things.
    case 'percent': return {key: 'percent', scale: 1}
    case 'points': return {key: 'points', scale: 1}
    case 'ratio': return {key: 'percent', scale: 100}
    case 'money': return {key: 'money:' + f.unit, scale: 1}
    case 'rate': return {key: 'rate:' + f.unit, scale: 1}
    default: return {key: f.dimension, scale: 1}
  }
}

type Interval = [number, number]

/** Calendar unit of a duration as written, for the month/year slack. */
function calendarUnit(f: Figure): 'month' | 'year' | 'decade' | 'century' | undefined {
  switch (f.displayUnit) {
    case 'months': return 'month'
    case 'years': return 'year'
    case 'decades': return 'decade'
    case 'centuries': return 'century'
  }
  return undefined
}

/**
 * The exact interval of one value as written: its rounding interval, except whole numbers of
 * months or years, which span the real spread of calendar lengths instead (four months is
 * 118–124 days, not 106–137).
 */
function exactInterval(f: Figure, v: number, scale: number): Interval {
  const cal = f.dimension === 'duration' ? calendarUnit(f) : undefined
  if (cal !== undefined) {
    const mean = cal === 'month' ? MONTH_MEAN_DAYS : YEAR_MEAN_DAYS * (cal === 'decade' ? 10 : cal === 'century' ? 100 : 1)
    const n = v / mean
    const unitPrecision = f.precision / mean
    if (Math.abs(n - Math.round(n)) < 1e-9 && unitPrecision <= 1 + 1e-9) {
      const [lo, hi] = cal === 'month' ? [MONTH_MIN_DAYS, MONTH_MAX_DAYS] : [YEAR_MIN_DAYS, YEAR_MAX_DAYS]
      const mult = cal === 'decade' ? 10 : cal === 'century' ? 100 : 1
      const r = Math.round(n)
      return [r * lo * mult * scale, r * hi * mult * scale]
    }
  }
  const half = (f.precision * scale) / 2
  return [v * scale - half, v * scale + half]
}

/** The interval of true values a figure is consistent with, in its family's scale. */
function interval(f: Figure, scale: number): Interval {
  if (f.low !== undefined && f.high !== undefined) {
    const a = exactInterval(f, f.low, scale)
    const b = exactInterval(f, f.high, scale)
    return [a[0], b[1]]
  }
  const [lo, hi] = exactInterval(f, f.value, scale)
  const v = f.value * scale
  switch (f.approx) {
    case 'exact': return [lo, hi]
    case 'about': {
      const w = Math.max(APPROX_RELATIVE * Math.abs(v), f.precision * scale)
      return [Math.min(lo, v - w), Math.max(hi, v + w)]
    }
    case 'at-least': return [lo, Infinity]
    case 'more-than': return [lo, Infinity] // lo, not v: the other figure may be the rounded one
    case 'at-most': return [-Infinity, hi]
    case 'less-than': return [-Infinity, hi]
  }
}

function overlaps(a: Interval, b: Interval): boolean {
  // Slack relative to the finite magnitudes only: an open bound (±Infinity) must not make it infinite.
  let m = 1
  for (const v of [a[0], a[1], b[0], b[1]]) if (Number.isFinite(v) && Math.abs(v) > m) m = Math.abs(v)
  const eps = EPSILON * m
  return a[0] <= b[1] + eps && b[0] <= a[1] + eps
}

/**
 * Two exactly written values (no approximation word): the finer one, as a point, must round to
 * the coarser one at the coarser precision — "round both to the coarser precision". The rounding
 * interval is half-open (round half up), so "$2.5 billion" does not pass for "$2 billion" and
 * 56.5% does not pass for 56%. Whole months and years use their calendar spread instead
 * (see exactInterval), inclusive.
 */
function exactAgree(a: Figure, va: number, sa: number, b: Figure, vb: number, sb: number): boolean {
  const aFiner = a.precision * sa <= b.precision * sb
  const [fv, fs, coarse, cv, cs] = aFiner ? [va, sa, b, vb, sb] as const : [vb, sb, a, va, sa] as const
  const [lo, hi] = exactInterval(coarse, cv, cs)
  const point = fv * fs
  const eps = EPSILON * Math.max(1, Math.abs(lo), Math.abs(hi))
  if (calendarUnit(coarse) !== undefined && coarse.dimension === 'duration') return point >= lo - eps && point <= hi + eps
  // Half-open, but a value equal to the coarse one is always in (tiny precisions, float noise).
  if (Math.abs(point - cv * cs) <= eps) return true
  return point >= lo - eps && point < hi - eps
}

function boundDirection(f: Figure): 'lower' | 'upper' | undefined {
  if (f.approx === 'at-least' || f.approx === 'more-than') return 'lower'
  if (f.approx === 'at-most' || f.approx === 'less-than') return 'upper'
  return undefined
}

function isRange(f: Figure): boolean {
  return f.low !== undefined && f.high !== undefined
}

/**
 * Compares two figures. 'incomparable' when they measure different things: different
 * dimensions, currencies or rate denominators, identifiers with different labels, or dates
 * with no calendar field in common (a bare month against a bare year).
 *
 * The tolerances are the named constants of this module; see the module comment for the model.
 */
export function compareFigures(a: Figure, b: Figure): 'agree' | 'disagree' | 'incomparable' {
  if (a.dimension === 'identifier' || b.dimension === 'identifier') {
    if (a.dimension !== b.dimension || a.label !== b.label) return 'incomparable'
    return normaliseId(a.text) === normaliseId(b.text) ? 'agree' : 'disagree'
  }
  if (a.dimension === 'date' || b.dimension === 'date') {
    if (a.dimension !== b.dimension) return 'incomparable'
    return compareDates(a, b)
  }
  const fa = family(a)
  const fb = family(b)
  if (fa.key !== fb.key) return 'incomparable'

  // Same-direction bounds: compare what was written, not what is consistent.
  const da = boundDirection(a)
  const db = boundDirection(b)
  if (da !== undefined && da === db) {
    return exactAgree(a, a.value, fa.scale, b, b.value, fb.scale) ? 'agree' : 'disagree'
  }
  // Two ranges: only the same range agrees.
  if (isRange(a) && isRange(b)) {
    const same = exactAgree(a, a.low!, fa.scale, b, b.low!, fb.scale) && exactAgree(a, a.high!, fa.scale, b, b.high!, fb.scale)
    return same ? 'agree' : 'disagree'
  }
  // Two plain exact values.
  if (a.approx === 'exact' && b.approx === 'exact' && !isRange(a) && !isRange(b)) {
    return exactAgree(a, a.value, fa.scale, b, b.value, fb.scale) ? 'agree' : 'disagree'
  }
  return overlaps(interval(a, fa.scale), interval(b, fb.scale)) ? 'agree' : 'disagree'
}

function normaliseId(s: string): string {
  // "S-300" = "S 300" = "s‑300"; "H.R. 1" = "HR 1".
  let r = ''
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43) r += s[i].toLowerCase()
  }
  return r
}

/** 3 for a date with a day, 2 with a month, 1 for a year alone. */
function dateLevel(f: Figure): number {
  return f.date?.day !== undefined ? 3 : f.date?.month !== undefined ? 2 : 1
}

/** The date fields as a list of keys at a given granularity, for interval tests. */
function dateKey(d: DateParts, useYear: boolean, useMonth: boolean, useDay: boolean): number {
  return (useYear ? (d.year ?? 0) * 10000 : 0) + (useMonth ? (d.month ?? 0) * 100 : 0) + (useDay ? d.day ?? 0 : 0)
}

/**
 * Dates are compared on the calendar fields both of them have, from the coarsest down: "2019"
 * against "September 2019" compares years only; "May 24" against "May 2020" compares months.
 * A day is only meaningful with its month, so day-only agreement never arises. Ranges agree with
 * dates inside them; "about 2015" allows one unit either way of the finest field compared.
 */
function compareDates(a: Figure, b: Figure): 'agree' | 'disagree' | 'incomparable' {
  const da = a.date ?? {}
  const db = b.date ?? {}
  const useYear = da.year !== undefined && db.year !== undefined
  const useMonth = da.month !== undefined && db.month !== undefined
  const useDay = useMonth && da.day !== undefined && db.day !== undefined
  if (!useYear && !useMonth) return 'incomparable'
  const lo1 = dateKey(da, useYear, useMonth, useDay)
  const hi1 = dateKey(a.dateEnd ?? da, useYear, useMonth, useDay)
  const lo2 = dateKey(db, useYear, useMonth, useDay)
  const hi2 = dateKey(b.dateEnd ?? db, useYear, useMonth, useDay)
  // Two spans written to the same precision must match end to end ("May 5–12" is not "May 5–19");
  // a span of days against a span of years ("July 1 to September 4, 2021" in "the 2021–22 school
  // year") is a part of it, so it overlaps as a single date would.
  if (a.dateEnd && b.dateEnd && dateLevel(a) === dateLevel(b)) return lo1 === lo2 && hi1 === hi2 ? 'agree' : 'disagree'
  // Slack for "about"/"around": one step of the finest field compared.
  const step = useDay ? 1 : useMonth ? 100 : 10000
  const sa = a.approx === 'about' ? step : 0
  const sb = b.approx === 'about' ? step : 0
  return lo1 - sa <= hi2 + sb && lo2 - sb <= hi1 + sa ? 'agree' : 'disagree'
}

// ---------------------------------------------------------------------------------------------
// Formatting

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December']

const CURRENCY_SYMBOL: Record<string, string> = {USD: '$', EUR: '€', GBP: '£', JPY: '¥'}

/** Formats a number with the decimals its precision justifies and thousands separators. */
function formatNumber(v: number, precision: number): string {
  const decimals = precision > 0 && precision < 1 ? Math.min(6, Math.max(0, Math.round(-Math.log10(precision)))) : 0
  let format = NUMBER_FORMATS.get(decimals)
  if (!format) NUMBER_FORMATS.set(decimals, (format = new Intl.NumberFormat('en-US', {minimumFractionDigits: decimals, maximumFractionDigits: decimals})))
  return format.format(v)
}

/** One formatter per number of decimals: building an Intl formatter per call is slow. */
const NUMBER_FORMATS = new Map<number, Intl.NumberFormat>()

/** Large round amounts as "2 billion", "1.96 million"; others with separators. */
function formatAmount(v: number, precision: number): string {
  const abs = Math.abs(v)
  for (const [scale, word] of [[1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million']] as const) {
    if (abs >= scale && precision >= scale / 1000) {
      return formatNumber(v / scale, precision / scale) + ' ' + word
    }
  }
  return formatNumber(v, precision)
}

function formatDate(d: DateParts, end?: DateParts): string {
  const month = d.month ? MONTH_NAMES[d.month - 1] : ''
  if (end) {
    if (d.month && d.day && end.day && end.month === d.month) {
      return `${month} ${d.day}–${end.day}` + (d.year ? `, ${d.year}` : '')
    }
    if (!d.month && d.year && end.year) return `${d.year}–${end.year}`
    return `${formatDate(d)} – ${formatDate(end)}`
  }
  if (d.month && d.day) return `${month} ${d.day}` + (d.year ? `, ${d.year}` : '')
  if (d.month) return month + (d.year ? ` ${d.year}` : '')
  return d.year !== undefined ? String(d.year) : ''
}

const APPROX_WORDS: Record<Figure['approx'], string> = {
  'exact': '', 'about': 'about ', 'at-least': 'at least ', 'at-most': 'at most ',
  'more-than': 'more than ', 'less-than': 'less than ',
}

/**
 * A short human form of a figure for diagnostics: "85 km", "September 2019", "$2 billion",
 * "76.3%", "about 2 million", "81–100 days", "Resolution 2254". Values are shown in the unit the
 * writer used, so the message quotes the source's own terms.
 */
export function formatFigure(f: Figure): string {
  const prefix = APPROX_WORDS[f.approx]
  switch (f.dimension) {
    case 'identifier': return f.text
    case 'date': return prefix + formatDate(f.date ?? {}, f.dateEnd)
    default: break
  }
  const factor = unitFactor(f)
  const body = (v: number) => {
    const p = f.precision / factor
    return f.dimension === 'money' || f.dimension === 'count' || f.dimension === 'number'
      ? formatAmount(v / factor, p) : formatNumber(v / factor, p)
  }
  const num = f.low !== undefined && f.high !== undefined ? `${body(f.low)}–${body(f.high)}` : body(f.value)
  switch (f.dimension) {
    case 'percent': return `${prefix}${num}%`
    case 'points': return `${prefix}${num} ${f.displayUnit === 'points' ? 'points' : 'percentage points'}`
    case 'ratio': return `${prefix}${formatNumber(f.value * 100, Math.max(f.precision * 100, 1))}%`
    case 'money': {
      const sym = CURRENCY_SYMBOL[f.unit]
      return sym ? `${prefix}${sym}${num}` : `${prefix}${num} ${f.unit}`
    }
    case 'count': return `${prefix}${num}${f.noun ? ' ' + f.noun : ''}`
    case 'number': return prefix + num
    case 'rate': return `${prefix}${num}${f.noun ? ' ' + f.noun : ''} per ${Number(f.unit.slice(4)).toLocaleString('en-US')}`
    default: return `${prefix}${num} ${f.displayUnit ?? f.unit}`
  }
}

/** Factor from the written unit to the base unit, recovered from the figure. */
function unitFactor(f: Figure): number {
  const u = f.displayUnit
  if (u === undefined) return 1
  return DISPLAY_FACTOR.get(u) ?? 1
}
