import type {CorpusView} from './store/types'
import type {DateParts, Figure} from './figures/types'

// Words that make the date after them the date a figure speaks for ("as of March 2024", "as
// at 30 June 2023", "at the end of 2022"), rather than the date of the event it describes ("a
// ceasefire in July 2018"). A bounded tail match on a short slice: no backtracking blow-up.
const AS_OF = /\b(?:as\s+(?:of|at)|as\s+recently\s+as|at\s+the\s+end\s+of|data\s+(?:for|through|to))\s+(?:the\s+end\s+of\s+)?$/i

/** "2024", "2024-03" or "2024-03-31": an ISO date at the precision the parts give. */
export function isoDate(d: DateParts): string | undefined {
  if (d.year === undefined) return undefined
  const two = (n: number) => String(n).padStart(2, '0')
  if (d.month === undefined) return String(d.year)
  return d.day === undefined ? `${d.year}-${two(d.month)}` : `${d.year}-${two(d.month)}-${two(d.day)}`
}

/** The date a sentence says its figures hold for ("as of March 2024"), when it says one. */
export function statedDate(text: string, figures: Figure[]): string | undefined {
  for (const f of figures) {
    if (f.dimension !== 'date' || !f.date) continue
    if (AS_OF.test(text.slice(Math.max(0, f.start - 32), f.start))) return isoDate(f.date)
  }
  return undefined
}

/**
 * The date a corpus passage speaks for: the date stated in the sentence, else its source's
 * publication date (issue #17). Undefined when neither is known.
 */
export function passageDate(corpus: CorpusView, sentenceId: number): string | undefined {
  const sentence = corpus.sentences[sentenceId]
  return statedDate(sentence.text, corpus.figuresOf(sentenceId)) ?? corpus.sources[sentence.source].date
}

/**
 * Orders two ISO dates at the precision both give: positive when `a` is newer, negative when
 * older, 0 when they cannot be told apart ("2021" against "2021-02") or one is missing.
 */
export function compareDates(a: string | undefined, b: string | undefined): number {
  if (!a || !b) return 0
  const pa = a.split('-').map(Number)
  const pb = b.split('-').map(Number)
  const n = Math.min(pa.length, pb.length, 3)
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(pa[i]) || !Number.isFinite(pb[i])) return 0
    if (pa[i] !== pb[i]) return pa[i] - pb[i]
  }
  return 0
}
