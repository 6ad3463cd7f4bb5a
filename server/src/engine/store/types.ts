import type {CorpusProblem, CorpusSentence, SourceMeta} from '../corpus/types'
import type {Figure} from '../figures/types'
import type {Range} from '../text/positions'

/**
 * The corpus as the engine sees it, whoever holds it: the embedded in-memory `Corpus` (built
 * from files, cached on disk) or a database (PostgreSQL, issue #18).
 *
 * Two levels, because checks are synchronous and a database is not:
 * - `CorpusStore` is asynchronous: the engine service asks it for what a run will read
 *   (`prefetch`), lists keys and sources, and hears about changes (`watch`).
 * - `CorpusView` is the synchronous snapshot the checks read during one run. After
 *   `prefetch(queries)` resolved, `view().retrieve(q)` answers each of those queries from memory.
 *
 * A view that meets a query it was not given (`takeMissed`) answers it with no hits and names
 * it; the service prefetches the missed queries and checks those sentences again, so a store
 * need not know which queries the checks make (they are derived inside the checks).
 *
 * Sentence ids are global and stable within one `generation`: a view may hold only some of
 * them (a sparse `sentences`), but `sentences[id]` and its neighbours `id - 1`, `id + 1` in the
 * same source must be present for every id `retrieve` returned.
 */

/** A retrieved corpus sentence with its BM25 (or equivalent) score, best first. */
export interface Hit {
  sentence: number
  score: number
}

/** The synchronous reads one check run makes; `Corpus` (engine/corpus/corpus.ts) implements it. */
export interface CorpusView {
  /** Every source's metadata, indexed by source number (small: one entry per file). */
  readonly sources: readonly SourceMeta[]
  /** Sentences by global id; only the retrieved ones and their neighbours need be present. */
  readonly sentences: ArrayLike<CorpusSentence>
  readonly isEmpty: boolean
  /** Inverse document frequency of an index term, for alignment weights. */
  readonly index: {idf(term: string): number}
  /** Source number for a citation key (exact, case-insensitive, then unique prefix). */
  sourceByKey(key: string): number | undefined
  /** Corpus sentences most like `query`, best first. */
  retrieve(query: string, limit?: number): Hit[]
  /** Zero-based lines and UTF-16 characters of a sentence in its file. */
  rangeOf(id: number): Range
  termsOf(id: number): Set<string>
  tokensOf<T>(id: number, tokenize: (text: string) => T): T
  titleTermsOf(source: number): string[]
  figuresOf(id: number): Figure[]
  /**
   * Ids of a source's sentences, `[first, end)`, when the view holds every sentence (the
   * embedded corpus); absent for a view that holds only some (a database store's).
   */
  sentenceRange?(source: number): {first: number; end: number}
  /** A value derived from one corpus sentence, computed once per view. */
  memo<T>(kind: string, id: number, compute: () => T): T
  /**
   * Queries `retrieve` answered with nothing because they were not prefetched, since the last
   * call. Absent (or always empty) when the whole corpus is in memory.
   */
  takeMissed?(): string[]
}

/** A citation key with what completion and the sources list show. */
export interface KeyEntry {
  key: string
  title: string
  authors: string[]
  date?: string
}

/** One source with its sentences (the hover card's "open source", `briefcheck/sources`). */
export interface SourceRecord {
  meta: SourceMeta
  sentences: CorpusSentence[]
}

/** A candidate sentence for a query, with the sentence itself (for callers that hold no view). */
export interface Candidate {
  id: number
  score: number
  sentence: CorpusSentence
}

/** What changed: a new generation (indexing finished, a source was added or removed). */
export interface StoreChange {
  generation: number
}

/** Cancels a long store call (a newer version of the draft arrived). */
export interface StoreCallOptions {
  signal?: AbortSignal
}

/** The corpus store a check needs; see the file comment. */
export interface CorpusStore {
  /** Changes whenever the corpus changes: results computed under another one are stale. */
  readonly generation: number
  /** The synchronous snapshot for this generation. */
  view(): CorpusView
  /** Makes `view().retrieve` answer these queries from memory. The embedded store resolves at once. */
  prefetch(queries: readonly string[], options?: StoreCallOptions): Promise<void>
  /** Candidate sentences for a query, best first. */
  candidates(query: string, limit: number, options?: StoreCallOptions): Promise<Candidate[]>
  /** A source's metadata and sentences, by citation key. */
  source(key: string, options?: StoreCallOptions): Promise<SourceRecord | undefined>
  /** Citation keys starting with `prefix` (case-insensitive), at most `limit`, in key order. */
  listKeys(prefix: string, limit: number, options?: StoreCallOptions): Promise<KeyEntry[]>
  /** Files that could not be read in the last indexing run. */
  problems(): readonly CorpusProblem[]
  /** Calls `listener` after each change; returns the function that stops it. */
  watch(listener: (change: StoreChange) => void): () => void
}
