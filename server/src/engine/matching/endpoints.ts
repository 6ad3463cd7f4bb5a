import {compareFigures, formatFigure} from '../figures/compare'
import type {Figure} from '../figures/types'

/**
 * Changes and spans aligned end to end (issue #14, "from/to roles"). A draft's "from 36.6% to
 * 84.4%" and a source's "(36.6% to 79.2%)" speak of the same change when one end is the same
 * value: the other ends are then compared with each other, not with the whole span. The same
 * holds for two date spans that start (or end) on the same day: "August 23 to November 16"
 * against "August 23–October 16".
 */
export interface EndpointMatch {
  /** The corpus figure to compare and show: one end of the source's span, or the span itself. */
  figure: Figure
  verdict: 'agree' | 'disagree'
}

// "from X to Y", "X to Y", "X–Y": only a connective between the two figures.
const CONNECTIVE = /^\s*(?:to|–|—|-)\s*$/i

/**
 * The draft figure's partner in a written change ("from A to B"): the other figure of the pair
 * and which end the draft figure is.
 */
export function changePartner(text: string, figure: Figure, figures: readonly Figure[]): {partner: Figure; end: 'from' | 'to'} | undefined {
  for (const g of figures) {
    if (g === figure || g.dimension !== figure.dimension) continue
    if (g.end <= figure.start && CONNECTIVE.test(text.slice(g.end, figure.start))) return {partner: g, end: 'to'}
    if (figure.end <= g.start && CONNECTIVE.test(text.slice(figure.end, g.start))) return {partner: g, end: 'from'}
  }
  return undefined
}

/**
 * When the draft figure is one end of a change whose other end equals one end of the corpus
 * figure's span, the verdict on the ends that remain; undefined when the two are not anchored.
 */
export function anchoredEnds(figure: Figure, partner: {partner: Figure; end: 'from' | 'to'} | undefined, other: Figure): EndpointMatch | undefined {
  if (figure.dimension === 'date') return anchoredDates(figure, other)
  if (!partner || other.low === undefined || other.high === undefined) return undefined
  const [anchor, compared] = partner.end === 'to' ? [other.low, other.high] : [other.high, other.low]
  const end = endOf(other, anchor)
  if (compareFigures(partner.partner, end) !== 'agree' || !sameValue(partner.partner, anchor)) return undefined
  const target = endOf(other, compared)
  const verdict = compareFigures(figure, target)
  return verdict === 'incomparable' ? undefined : {figure: target, verdict}
}

/**
 * Two written changes ("from 410 to 325", "cut from 410 to 352") whose starts (or ends) are the
 * same exact value: the other ends are compared. For figures read one by one, not as a span.
 */
export function anchoredChanges(
  figure: Figure,
  partner: {partner: Figure; end: 'from' | 'to'} | undefined,
  other: Figure,
  otherPartner: {partner: Figure; end: 'from' | 'to'} | undefined,
): EndpointMatch | undefined {
  if (!partner || !otherPartner || partner.end !== otherPartner.end || figure.dimension === 'date') return undefined
  if (compareFigures(partner.partner, otherPartner.partner) !== 'agree' || !sameValue(partner.partner, otherPartner.partner.value)) return undefined
  const verdict = compareFigures(figure, other)
  return verdict === 'incomparable' ? undefined : {figure: other, verdict}
}

/** Two date spans sharing exactly one end: the same period, misdated at the other end. */
function anchoredDates(figure: Figure, other: Figure): EndpointMatch | undefined {
  if (other.dimension !== 'date' || !figure.dateEnd || !other.dateEnd || !figure.date || !other.date) return undefined
  const sameStart = sameDay(figure.date, other.date)
  const sameEnd = sameDay(figure.dateEnd, other.dateEnd)
  if (sameStart === sameEnd || !figure.date.day || !other.date.day) return undefined
  return {figure: other, verdict: 'disagree'}
}

function sameDay(a: {year?: number; month?: number; day?: number}, b: {year?: number; month?: number; day?: number}): boolean {
  return a.month === b.month && a.day === b.day && (a.year === undefined || b.year === undefined || a.year === b.year)
}

/** The written value itself, not merely within tolerance: an anchor must be exact. */
function sameValue(a: Figure, value: number): boolean {
  return Math.abs(a.value - value) <= 1e-9 * Math.max(1, Math.abs(value))
}

/** One end of a span as a figure of its own, shown as the source wrote it. */
function endOf(span: Figure, value: number): Figure {
  const end: Figure = {...span, value, low: undefined, high: undefined}
  return {...end, text: formatFigure(end)}
}
