import {extractFigures} from '../figures/extract'
import type {Figure} from '../figures/types'
import {SentenceIndex} from '../index/sentence-index'
import {terms} from '../index/terms'
import type {Position, Range} from '../text/positions'
import {lastAtMost} from '../text/sorted'
import {citationKey, formatReference} from './keys'
import {parseSource, SPAN_FIELDS, type CorpusFile, type ParsedSource} from './parsed-source'
import type {BibEntry} from './bibliography'
import {SentenceList} from './sentence-list'
import type {CorpusProblem, CorpusSentence, SourceMeta} from './types'

export {contentHash, lineStarts, parseSource, parsedSentences, type CorpusFile, type ParsedSource} from './parsed-source'

/** Bound of each per-sentence cache (terms, tokens) so memory stays flat on huge corpora. */
const SENTENCE_CACHE_LIMIT = 50_000

/** Retrieval always asks for at least this many hits, so one answer serves every check. */
const RETRIEVE_AT_LEAST = 40

/** How many of a query's rarest terms retrieval searches (see `Corpus.retrieve`). */
export const QUERY_TERMS = 14

/** A retrieved corpus sentence with its BM25 score. */
export interface Hit {
  sentence: number
  score: number
}

/**
 * The indexed corpus: sources with their metadata, every sentence with its position in its
 * file, and a BM25 index over the sentences. Built once (`assembleCorpus`), queried per check.
 *
 * Sentences are stored as spans (typed arrays) into one text per source; `sentences[id]`
 * builds the object a check reads on demand (see `SentenceList`), so a 10,000-brief corpus
 * holds no per-sentence objects (issue #15).
 */
export class Corpus {
  readonly sources: SourceMeta[] = []
  readonly problems: CorpusProblem[] = []
  /** Sentences by id, built when read. */
  readonly sentences: SentenceList
  /** BM25 postings; also the document frequencies behind alignment weights. */
  readonly index: SentenceIndex
  private readonly byKey = new Map<string, number>()
  private readonly lines: Uint32Array[] = []

  constructor(index = SentenceIndex.build([]), sentences = new SentenceList()) {
    this.index = index
    this.sentences = sentences
  }

  // Per-sentence caches filled on first use: alignment looks at the same retrieved sentences
  // again and again, and re-tokenising them dominated a check's time (profiled).
  private readonly memos = new Map<string, Map<number, unknown>>()
  private readonly titleCache = new Map<number, string[]>()
  private readonly retrieved = new Map<string, {limit: number; hits: Hit[]}>()

  /** A value derived from one corpus sentence, computed once (bounded per kind). */
  memo<T>(kind: string, id: number, compute: () => T): T {
    let table = this.memos.get(kind)
    if (!table) this.memos.set(kind, (table = new Map()))
    let value = table.get(id) as T | undefined
    if (value === undefined) {
      if (table.size > SENTENCE_CACHE_LIMIT) table.clear()
      table.set(id, (value = compute()))
    }
    return value
  }

  /** Index terms of a corpus sentence, cached. */
  termsOf(id: number): Set<string> {
    return this.memo('terms', id, () => new Set(terms(this.sentences[id].text)))
  }

  /** A sentence tokenised by `tokenize` (the matcher's tokenizer), cached. */
  tokensOf<T>(id: number, tokenize: (text: string) => T): T {
    return this.memo('tokens', id, () => tokenize(this.sentences[id].text))
  }

  /** Index terms of a source's title, cached. */
  titleTermsOf(source: number): string[] {
    let cached = this.titleCache.get(source)
    if (!cached) this.titleCache.set(source, (cached = terms(this.sources[source].title)))
    return cached
  }

  get isEmpty(): boolean {
    return this.sources.length === 0
  }

  /** Source index for a citation key, matched exactly, then without regard to case. */
  sourceByKey(key: string): number | undefined {
    const exact = this.byKey.get(key) ?? this.byKey.get(key.toLowerCase())
    if (exact !== undefined) return exact
    // Writers' keys follow their reference manager ("joo2021" for our "joo2021decline"): a key
    // that starts one source's key, and no other's, with an author and a year, names that source.
    if (!/^[\p{L}]{2,}.*\d{4}/u.test(key)) return undefined
    const lower = key.toLowerCase()
    let found: number | undefined
    for (const [k, index] of this.byKey) {
      if (!k.startsWith(lower)) continue
      if (found !== undefined && found !== index) return undefined
      found = index
    }
    return found
  }

  /**
   * Corpus sentences most like `query`, best first (BM25 over its rarest terms).
   *
   * Only the `QUERY_TERMS` rarest distinct terms are searched: a common word's posting list
   * runs to hundreds of thousands of sentences in a large corpus and decides nothing, so the
   * cost of a query stays bounded by rare words whatever the corpus size.
   */
  retrieve(query: string, limit = 20): Hit[] {
    if (this.sentences.length === 0) return []
    // Several checks retrieve for the same sentence; keep the widest answer for each query.
    const known = this.retrieved.get(query)
    if (known && known.limit >= limit) return known.hits.slice(0, limit)
    const widest = Math.max(limit, RETRIEVE_AT_LEAST)
    const hits = this.rank(query, widest)
    if (this.retrieved.size > 2_000) this.retrieved.clear()
    this.retrieved.set(query, {limit: widest, hits})
    return hits.slice(0, limit)
  }

  private rank(query: string, limit: number): Hit[] {
    const distinct = [...new Set(terms(query))]
    const rarest = distinct.sort((a, b) => this.index.df(a) - this.index.df(b)).slice(0, QUERY_TERMS)
    return this.index.search(rarest, limit)
  }

  /** Zero-based lines and UTF-16 characters of a sentence in its file (LSP convention). */
  rangeOf(id: number): Range {
    const sentence = this.sentences[id]
    const starts = this.lines[sentence.source] ?? new Uint32Array([0])
    return {start: positionIn(starts, sentence.start), end: positionIn(starts, sentence.end)}
  }

  /** Figures of a corpus sentence, read when alignment first needs them (not at indexing). */
  figuresOf(id: number): Figure[] {
    return this.memo('figures', id, () => extractFigures(this.sentences[id].text))
  }

  /** Ids of a source's sentences: `[first, end)` (sentences of one source are consecutive). */
  sentenceRange(source: number): {first: number; end: number} {
    return this.sentences.rangeOfSource(source)
  }

  /** A source's sentences, in file order (a source's panel, the store's `source` answer). */
  sentencesOf(source: number): CorpusSentence[] {
    const {first, end} = this.sentenceRange(source)
    const out: CorpusSentence[] = []
    for (let id = first; id < end; id++) out.push(this.sentences[id])
    return out
  }

  /** Registers a source (metadata complete) with its line starts and returns its index. */
  addSource(meta: SourceMeta, lineStarts: Uint32Array = new Uint32Array([0])): number {
    const index = this.sources.length
    this.sources.push(meta)
    this.lines[index] = lineStarts
    this.byKey.set(meta.key, index)
    if (!this.byKey.has(meta.key.toLowerCase())) this.byKey.set(meta.key.toLowerCase(), index)
    return index
  }
}

/**
 * Assembles parsed sources into a corpus: keys (stable, in path order, a/b suffixes on
 * collision), bibliography overrides, formatted references, and the search index — loaded
 * from `index` when a cache holds one for exactly these files, built otherwise.
 */
export function assembleCorpus(
  parsed: ParsedSource[],
  bibliography: BibEntry[] = [],
  problems: CorpusProblem[] = [],
  index?: SentenceIndex,
): Corpus {
  const sorted = [...parsed].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const sentences = SentenceList.fromSources(sorted)
  const built =
    index && index.sentences === sentences.length
      ? index
      : SentenceIndex.build(sorted.map((p) => ({...p, length: (sentence: number) => p.spans[sentence * SPAN_FIELDS + 6]})))
  const corpus = new Corpus(built, sentences)
  corpus.problems.push(...problems)
  const taken = new Set<string>()
  for (const file of sorted) {
    for (const warning of file.warnings) corpus.problems.push({path: file.path, reason: warning})
    const bib = matchBibliography(bibliography, file.meta)
    const meta = {...file.meta, ...definedOnly(bib ?? {})}
    const key = bib?.key && !taken.has(bib.key) ? (taken.add(bib.key), bib.key) : citationKey(meta, taken)
    const title = meta.title ?? file.path
    corpus.addSource(
      {
        key,
        title,
        authors: meta.authors,
        date: meta.date,
        url: meta.url,
        publisher: meta.publisher,
        path: file.path,
        reference: formatReference({...meta, title}),
      },
      file.lineStarts,
    )
  }
  return corpus
}

/** Builds a corpus from files already read (parse, then assemble). */
export function buildCorpus(files: CorpusFile[], bibliography: BibEntry[] = [], problems: CorpusProblem[] = []): Corpus {
  const parsed: ParsedSource[] = []
  const all = [...problems]
  for (const file of files) {
    try {
      parsed.push(parseSource(file))
    } catch (error) {
      all.push({path: file.path, reason: `could not be read as a source: ${error instanceof Error ? error.message : String(error)}`})
    }
  }
  return assembleCorpus(parsed, bibliography, all)
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))) as Partial<T>
}

function matchBibliography(entries: BibEntry[], meta: {id?: string; title?: string; url?: string}): BibEntry | undefined {
  if (entries.length === 0) return undefined
  const title = meta.title ? normaliseTitle(meta.title) : undefined
  return entries.find(
    (e) =>
      (meta.id && e.key === meta.id) ||
      (meta.url && e.url && normaliseUrl(e.url) === normaliseUrl(meta.url)) ||
      (title && e.title && normaliseTitle(e.title) === title),
  )
}

export function normaliseTitle(title: string): string {
  return title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
}

/** URLs compared without scheme, "www.", trailing slash or fragment. */
export function normaliseUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/#.*$/, '')
    .replace(/\/+$/, '')
}

function positionIn(starts: Uint32Array, offset: number): Position {
  const line = lastAtMost(starts, offset)
  return {line, character: offset - starts[line]}
}
