import {Corpus} from '../corpus/corpus'
import type {CorpusProblem} from '../corpus/types'
import type {Candidate, CorpusStore, CorpusView, KeyEntry, SourceRecord, StoreChange} from './types'

/**
 * The embedded store: the whole corpus in memory as one `Corpus`, swapped whole when indexing
 * finishes. Every read answers at once; `prefetch` has nothing to fetch.
 */
export class MemoryStore implements CorpusStore {
  private current: Corpus
  private listeners = new Set<(change: StoreChange) => void>()
  generation = 0

  constructor(corpus: Corpus = new Corpus()) {
    this.current = corpus
  }

  /** The corpus in force (for loaders, reports and tests that build one directly). */
  get corpus(): Corpus {
    return this.current
  }

  /** Swaps in a newly indexed corpus and tells the watchers. */
  replace(corpus: Corpus): void {
    this.current = corpus
    this.generation++
    const change = {generation: this.generation}
    for (const listener of [...this.listeners]) listener(change)
  }

  view(): CorpusView {
    return this.current
  }

  /** Nothing to fetch: every sentence is in memory. */
  async prefetch(_queries: readonly string[]): Promise<void> {}

  async candidates(query: string, limit: number): Promise<Candidate[]> {
    const corpus = this.current
    return corpus.retrieve(query, limit).map((hit) => ({id: hit.sentence, score: hit.score, sentence: corpus.sentences[hit.sentence]}))
  }

  async source(key: string): Promise<SourceRecord | undefined> {
    const corpus = this.current
    const index = corpus.sourceByKey(key)
    if (index === undefined) return undefined
    return {meta: corpus.sources[index], sentences: corpus.sentences.filter((s) => s.source === index)}
  }

  async listKeys(prefix: string, limit: number): Promise<KeyEntry[]> {
    return listKeysOf(this.current, prefix, limit)
  }

  problems(): readonly CorpusProblem[] {
    return this.current.problems
  }

  watch(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

/** Keys of a view's sources starting with `prefix` (case-insensitive), in key order, at most `limit`. */
export function listKeysOf(view: CorpusView, prefix: string, limit: number): KeyEntry[] {
  const lower = prefix.toLowerCase()
  const out: KeyEntry[] = []
  for (const s of view.sources) if (s.key.toLowerCase().startsWith(lower)) out.push({key: s.key, title: s.title, authors: s.authors, date: s.date})
  out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  return out.slice(0, limit)
}
