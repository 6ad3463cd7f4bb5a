import type {DraftAnalysis} from '../analysis'
import {compareDates, passageDate} from '../evidence-date'
import {displayDate, evidenceFor, shortTitle} from '../evidence'
import {formatFigure} from '../figures/compare'
import type {Figure} from '../figures/types'
import type {FigureMatch} from '../matching/figures'
import type {CheckMeta, Report} from './define'

/**
 * Flags a draft figure that agrees only with older sources while a newer source gives a
 * different value for the same thing: the draft may repeat a figure that has since changed.
 * Information only, and naming the newer source. A passage's date is the date its sentence
 * states ("as of March 2024"), else its source's publication date; sources without a date are
 * not ordered. Reported by the figure checks, which have already aligned the sources (see
 * figure-conflict.ts, where sources that disagree are found), so no second search runs.
 *
 * @example ok      The buffer is 60 km (the 2021 source says 60 km, the 2019 one 85 km).
 * @example not-ok  The buffer is 85 km (only the 2019 source says so; the 2021 one says 60 km).
 */
export const outdatedFigure: CheckMeta = {
  id: 'outdated-figure',
  description: 'The draft figure matches only an older source while a newer source gives a different value.',
  defaultSeverity: 'information',
}

/**
 * The `outdated-figure` report for a figure the `agreeing` matches support and the `against`
 * matches (same subject, other sources) contradict, or undefined when no disagreeing source is
 * newer than every agreeing one.
 */
export function outdatedReport(
  analysis: DraftAnalysis,
  place: {start: number; end: number},
  figure: Figure,
  agreeing: FigureMatch[],
  against: FigureMatch[],
): Report | undefined {
  const {corpus} = analysis
  const dateOf = (m: FigureMatch) => passageDate(corpus, m.sentence)
  const agreeDates = agreeing.map(dateOf)
  // An undated agreeing source might be the newest: then nothing can be said.
  if (agreeDates.length === 0 || agreeDates.some((d) => !d)) return undefined
  const newestAgreeing = agreeDates.reduce((a, b) => (compareDates(b, a) > 0 ? b : a))
  const newer = against.filter((m) => compareDates(dateOf(m), newestAgreeing) > 0).sort((a, b) => compareDates(dateOf(b), dateOf(a)))
  if (newer.length === 0) return undefined
  const label = (m: FigureMatch) => {
    const source = corpus.sources[corpus.sentences[m.sentence].source]
    return `"${shortTitle(source.title)}" (${displayDate(dateOf(m))})`
  }
  const older = agreeing.find((m) => dateOf(m) === newestAgreeing)!
  return {
    ruleId: outdatedFigure.id,
    ...place,
    reason: `Possibly outdated: ${formatFigure(figure)} matches ${label(older)}, but the newer ${newer.map((m) => `${label(m)} says ${formatFigure(m.figure)}`).join('; ')}.`,
    actual: figure.text,
    expected: newer.map((m) => formatFigure(m.figure)),
    evidence: [...newer.map((m) => evidenceFor(corpus, m.sentence, m.figure.text, false)), evidenceFor(corpus, older.sentence, older.figure.text, true)],
  }
}
