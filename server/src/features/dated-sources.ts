import {compareDates} from '../engine/evidence-date'
import {displayDate} from '../engine/evidence'
import type {Evidence} from '../engine/messages'
import {escapeMarkdown} from './markdown'

/** One source's value and the date it speaks for, as the hover lists them. */
export interface DatedValue {
  title: string
  value: string
  /** ISO date: stated in the sentence ("as of March 2024") or the source's publication date. */
  date?: string
}

/**
 * The evidence's values, one per source, newest first, when sources of different dates give
 * different values for the same thing (issue #17: the reader should see which figure is
 * current); undefined otherwise. Undated sources come last.
 */
export function datedValues(evidence: Evidence[]): DatedValue[] | undefined {
  const seen = new Set<string>()
  const out: DatedValue[] = []
  for (const e of evidence) {
    if (!e.value || seen.has(e.key)) continue
    seen.add(e.key)
    out.push({title: e.title, value: e.value, date: e.asOf ?? e.date})
  }
  const values = new Set(out.map((d) => d.value.toLowerCase().replace(/\s+/g, ' ').trim()))
  const dates = new Set(out.map((d) => d.date).filter(Boolean))
  if (values.size < 2 || dates.size < 2) return undefined
  return out.sort((a, b) => (a.date && b.date ? compareDates(b.date, a.date) : a.date ? -1 : b.date ? 1 : 0))
}

/** The hover block for `datedValues`: "Sources by date, newest first", escaped. */
export function datedValuesBlock(evidence: Evidence[]): string | undefined {
  const dated = datedValues(evidence)
  if (!dated) return undefined
  const rows = dated.map((d) => `- ${escapeMarkdown(displayDate(d.date) ?? 'undated')}: **${escapeMarkdown(d.title)}** says ${escapeMarkdown(d.value)}`)
  return ['**Sources by date, newest first**', ...rows].join('\n')
}
