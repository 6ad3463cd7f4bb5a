import type {SentenceAnalysis} from './analysis'
import type {FiledReport} from './checks/define'
import type {BriefcheckConfig} from './config'
import type {CorpusView} from './store/types'

/**
 * Findings per sentence, kept between checks of one document so that a re-check after an
 * edit runs the checks only on sentences whose text or citations changed (issue #6: work per
 * edit proportional to the changed paragraphs). Reports are stored relative to the sentence
 * start and moved to where the same sentence stands now.
 *
 * The cache belongs to one corpus and one configuration; it empties itself when either
 * changes, and when it grows past `MAX_ENTRIES` (a document's sentences, many times over).
 */
export class SentenceCache {
  private entries = new Map<string, FiledReport[]>()
  private corpus?: CorpusView
  private config?: string

  static readonly MAX_ENTRIES = 20_000

  /** Binds the cache to this corpus and configuration, emptying it if they changed. */
  prepare(corpus: CorpusView, config: BriefcheckConfig): void {
    const configKey = JSON.stringify(config)
    if (corpus !== this.corpus || configKey !== this.config || this.entries.size > SentenceCache.MAX_ENTRIES) {
      this.entries.clear()
      this.corpus = corpus
      this.config = configKey
    }
  }

  get(key: string, start: number): FiledReport[] | undefined {
    const relative = this.entries.get(key)
    return relative?.map((r) => shift(r, start))
  }

  set(key: string, start: number, reports: FiledReport[]): void {
    this.entries.set(key, reports.map((r) => shift(r, -start)))
  }
}

/** What a sentence's findings depend on: its text in the file, its kind and its citations. */
export function sentenceKey(text: string, s: SentenceAnalysis): string {
  const start = s.sentence.start
  const citations = s.citations.map(
    (c) => `${c.citation.kind}:${c.citation.target}:${c.citation.start - start}:${c.citation.end - start}:${c.resolution.status}:${'source' in c.resolution ? c.resolution.source : ''}:${c.inherited ? 1 : 0}`,
  )
  return `${s.sentence.blockKind}\u0000${text.slice(start, s.sentence.end)}\u0000${citations.join('|')}`
}

function shift(r: FiledReport, by: number): FiledReport {
  return {...r, start: r.start + by, end: r.end + by, fixes: r.fixes?.map((f) => (f.kind === 'replace' ? {...f, start: f.start + by, end: f.end + by} : f))}
}
