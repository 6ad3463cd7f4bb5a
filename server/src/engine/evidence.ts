import {passageDate} from './evidence-date'
import type {CorpusView} from './store/types'
import type {Evidence} from './messages'
import {MONTH_SHORT} from './text/months'
import {readableSection} from './markdown/table-headers'

/** Evidence for a corpus sentence, with the source's metadata (title, author, date, path). */
export function evidenceFor(corpus: CorpusView, sentenceId: number, value?: string, agrees?: boolean): Evidence {
  const sentence = corpus.sentences[sentenceId]
  const source = corpus.sources[sentence.source]
  return {
    key: source.key,
    title: source.title,
    author: source.authors.length > 0 ? source.authors.join(', ') : undefined,
    date: source.date,
    path: source.path,
    text: sentence.text,
    range: corpus.rangeOf(sentenceId),
    value,
    agrees,
    section: readableSection(sentence.section),
    page: sentence.page,
    asOf: passageDate(corpus, sentenceId),
  }
}

/** Where in its source a passage stands, beyond the line: "p. 7" (PDF) or "§ Heading". */
export function evidenceLocation(e: {page?: number; section?: string}): string | undefined {
  if (e.page !== undefined) return `p. ${e.page}`
  return e.section ? `§ ${e.section}` : undefined
}

const MONTHS = MONTH_SHORT

/** "2019-06-12" → "Jun 12, 2019"; "2019-06" → "Jun 2019"; anything else as it is. */
export function displayDate(iso: string | undefined): string | undefined {
  if (!iso) return undefined
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso)
  if (!m) return iso
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined
  if (!month) return m[1]
  return m[3] ? `${month} ${Number(m[3])}, ${m[1]}` : `${month} ${m[1]}`
}

/** A title short enough for a one-line message, cut at a word with an ellipsis. */
export function shortTitle(title: string, max = 60): string {
  if (title.length <= max) return title
  const cut = title.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,:;–—-]+$/, '') + '…'
}

/** `"Title" (Jun 12, 2019)` as the figure messages name a source. */
export function sourceLabel(corpus: CorpusView, source: number): string {
  const s = corpus.sources[source]
  const date = displayDate(s.date)
  return `"${shortTitle(s.title)}"${date ? ` (${date})` : ''}`
}

/** How a piece of evidence stands to the draft, in words: one wording for the CLI, diagnostics and hovers. */
export function agreement(e: Pick<Evidence, 'agrees'>): 'agrees' | 'disagrees' | 'source' {
  return e.agrees === true ? 'agrees' : e.agrees === false ? 'disagrees' : 'source'
}
