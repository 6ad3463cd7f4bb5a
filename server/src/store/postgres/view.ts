import {Corpus, RETRIEVE_AT_LEAST} from '../../engine/corpus/corpus'
import type {CorpusProblem, CorpusSentence, SourceMeta} from '../../engine/corpus/types'
import {extractFigures} from '../../engine/figures/extract'
import type {Figure} from '../../engine/figures/types'
import {terms} from '../../engine/index/terms'
import type {CorpusView, Hit} from '../../engine/store/types'
import type {Range} from '../../engine/text/positions'
import {PostingsCache} from './postings'
import type {Dictionary, SentenceRow} from './retrieve'

/** Most queries one view keeps answers for; past it the oldest half is dropped. */
const ANSWER_LIMIT = 20_000

/** Where each published source's rows are: by position, its row id, first sentence id and sentence count. */
export interface SourceLayout {
  rowIds: number[]
  firstIds: number[]
  counts: number[]
}

/**
 * One published generation of a PostgreSQL store as the checks read it: every source's
 * metadata and the term dictionary in memory, the postings read so far (`postings`), and the
 * sentences that prefetched queries retrieved (with their neighbours). Sentence ids equal the embedded index's for the same
 * files, and the metadata-only `Corpus` inside answers keys, titles and per-sentence memos
 * with the embedded code itself, so both stores give the same findings.
 */
export class PostgresView implements CorpusView {
  readonly sources: readonly SourceMeta[]
  readonly sentences: CorpusSentence[]
  readonly index: {idf(term: string): number}
  private readonly meta = new Corpus()
  private readonly ranges = new Map<number, Range>()
  private readonly answers = new Map<string, {limit: number; hits: Hit[]}>()
  private missed = new Set<string>()
  /** Decoded postings of this generation (their ids are this generation's). */
  readonly postings = new PostingsCache()
  /** First sentence id of each published source, by source row id (postings name rows). */
  readonly firstIdOf = new Map<number, number>()
  private readonly positionOf = new Map<number, number>()
  private scores: Float64Array | undefined

  constructor(
    readonly generation: number,
    sources: SourceMeta[],
    sentenceCount: number,
    readonly dictionary: Dictionary,
    readonly storeProblems: readonly CorpusProblem[],
    private readonly layout: SourceLayout,
  ) {
    layout.rowIds.forEach((rowId, position) => {
      this.firstIdOf.set(rowId, layout.firstIds[position])
      this.positionOf.set(rowId, position)
    })
    for (const source of sources) this.meta.addSource(source)
    this.sources = this.meta.sources
    // A sparse array: only retrieved sentences and their neighbours are present.
    this.sentences = []
    this.sentences.length = sentenceCount
    const docCount = dictionary.docCount
    const idfCache = new Map<string, number>()
    this.index = {
      // The embedded `SentenceIndex.idf`, over the store's document frequencies.
      idf(term: string): number {
        let value = idfCache.get(term)
        if (value === undefined) {
          value = Math.log(1 + (docCount + 1) / (dictionary.df(term) + 0.5))
          if (idfCache.size > 100_000) idfCache.clear()
          idfCache.set(term, value)
        }
        return value
      },
    }
  }

  get isEmpty(): boolean {
    return this.sources.length === 0
  }

  /** Zeroed scores, one per sentence of this generation, for `scoreQuery` (as the embedded index keeps one). */
  scoreScratch(): Float64Array {
    return (this.scores ??= new Float64Array(this.dictionary.docCount))
  }

  /** Whether `retrieve(query, limit)` can answer from memory. */
  has(query: string, limit: number): boolean {
    const known = this.answers.get(query)
    return known !== undefined && known.limit >= limit
  }

  /** Whether sentence `id` was fetched. */
  holds(id: number): boolean {
    return this.sentences[id] !== undefined
  }

  /** The source row and number in it of sentence `id`, if `id` is a sentence of this generation. */
  locate(id: number): {rowId: number; ord: number} | undefined {
    const {firstIds, counts, rowIds} = this.layout
    let lo = 0
    let hi = firstIds.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (firstIds[mid] > id) hi = mid - 1
      else if (firstIds[mid] + counts[mid] <= id) lo = mid + 1
      else return {rowId: rowIds[mid], ord: id - firstIds[mid]}
    }
    return undefined
  }

  /** The row id and sentence count of the published source at `position`. */
  sourceRow(position: number): {rowId: number; count: number} {
    return {rowId: this.layout.rowIds[position], count: this.layout.counts[position]}
  }

  /** Keeps a fetched sentence row under its id. */
  addRow(row: SentenceRow): void {
    const position = this.positionOf.get(row.source_id)
    const first = this.firstIdOf.get(row.source_id)
    if (position === undefined || first === undefined) return
    const id = first + row.ord
    if (this.sentences[id] !== undefined) return
    const sentence: CorpusSentence = {source: position, text: row.text, start: row.start_offset, end: row.end_offset}
    if (row.section !== null) sentence.section = row.section
    if (row.page !== null) sentence.page = row.page
    this.sentences[id] = sentence
    this.ranges.set(id, {start: {line: row.start_line, character: row.start_character}, end: {line: row.end_line, character: row.end_character}})
  }

  /** Stores a query's answer (best first); its sentences and their neighbours were added with `addRow`. */
  remember(query: string, limit: number, hits: Hit[]): void {
    if (this.answers.size >= ANSWER_LIMIT) for (const old of [...this.answers.keys()].slice(0, ANSWER_LIMIT / 2)) this.answers.delete(old)
    this.answers.set(query, {limit, hits})
  }

  sourceByKey(key: string): number | undefined {
    return this.meta.sourceByKey(key)
  }

  /** Answers prefetched queries; any other is named by `takeMissed` and answered with nothing. */
  retrieve(query: string, limit = 20): Hit[] {
    const known = this.answers.get(query)
    if (known && known.limit >= limit) return known.hits.slice(0, limit)
    if (this.sources.length > 0) this.missed.add(query)
    return []
  }

  takeMissed(): string[] {
    const out = [...this.missed]
    this.missed = new Set()
    return out
  }

  /** The widest answer a query gets, as `Corpus.retrieve` keeps it. */
  static widest(limit: number): number {
    return Math.max(limit, RETRIEVE_AT_LEAST)
  }

  rangeOf(id: number): Range {
    const range = this.ranges.get(id)
    if (!range) throw new Error(`sentence ${id} was not fetched from the store`)
    return range
  }

  memo<T>(kind: string, id: number, compute: () => T): T {
    return this.meta.memo(kind, id, compute)
  }

  termsOf(id: number): Set<string> {
    return this.meta.memo('terms', id, () => new Set(terms(this.sentences[id].text)))
  }

  tokensOf<T>(id: number, tokenize: (text: string) => T): T {
    return this.meta.memo('tokens', id, () => tokenize(this.sentences[id].text))
  }

  titleTermsOf(source: number): string[] {
    return this.meta.titleTermsOf(source)
  }

  figuresOf(id: number): Figure[] {
    return this.meta.memo('figures', id, () => extractFigures(this.sentences[id].text))
  }
}
