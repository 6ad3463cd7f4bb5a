/**
 * BM25 retrieval over corpus sentences, with postings in typed arrays.
 *
 * Why not a search library here: MiniSearch, which this replaced, was measured by
 * `npm run bench` at 1,000 briefs (78,000 sentences) at 1.6 GB of process memory, a 1.8 s
 * warm load (69% of it in MiniSearch.loadJSON rebuilding its maps) and 77% of a check's time
 * in its OR search, which scores and sorts every sentence sharing any query word. A corpus
 * of 10,000 briefs would not fit the 500 MB budget. Postings as sorted Uint32Arrays cost a
 * few bytes per word, load from disk as they are, and let a query stop after its rarest
 * words (see `search`).
 *
 * The same object answers document-frequency questions (idf, share) for figure alignment.
 */
export class SentenceIndex {
  private slots = new Map<string, number>()
  private offsets: Uint32Array = new Uint32Array(1)
  private ids: Uint32Array = new Uint32Array(0)
  private tfs: Uint8Array = new Uint8Array(0)
  private lengths: Uint16Array = new Uint16Array(0)
  private docCount = 0
  private averageLength = 1
  private scratch: Float64Array | undefined
  private readonly idfCache = new Map<string, number>()
  /**
   * Work done by `search` since the index was made: queries, postings walked for candidates,
   * and candidate-term lookups that completed scores (galloping steps' starting points). Read
   * by the benchmark: an operation count is steadier than a time on a shared machine.
   */
  readonly stats = {queries: 0, postings: 0, completions: 0}

  /**
   * Builds the index from parsed sources whose sentences get consecutive ids in this order.
   *
   * Parse workers already counted each sentence's terms against the source's own vocabulary,
   * so building is two passes over integers: count postings per term, then place them (ids
   * come in increasing order, so every posting list is sorted). No per-term JS arrays: they
   * were the peak of a cold index's memory.
   */
  static build(sources: readonly IndexInput[]): SentenceIndex {
    const index = new SentenceIndex()
    const slots = index.slots
    const terms: string[] = []
    let docs = 0
    let postings = 0
    const local = sources.map((source) => {
      const vocabulary = source.vocabulary === '' ? [] : source.vocabulary.split('\n')
      const map = new Uint32Array(vocabulary.length)
      vocabulary.forEach((term, i) => {
        let slot = slots.get(term)
        if (slot === undefined) {
          slots.set(term, (slot = terms.length))
          terms.push(term)
        }
        map[i] = slot
      })
      docs += source.termStarts.length - 1
      postings += source.termIds.length
      return map
    })
    const counts = new Uint32Array(terms.length + 1)
    sources.forEach((source, s) => {
      for (const id of source.termIds) counts[local[s][id]]++
    })
    const offsets = new Uint32Array(terms.length + 1)
    for (let t = 0, at = 0; t <= terms.length; t++) {
      offsets[t] = at
      at += counts[t]
    }
    const fill = offsets.slice(0, terms.length)
    const ids = new Uint32Array(postings)
    const tfs = new Uint8Array(postings)
    const lengths = new Uint16Array(docs)
    let doc = 0
    sources.forEach((source, s) => {
      const map = local[s]
      for (let sentence = 0; sentence < source.termStarts.length - 1; sentence++, doc++) {
        lengths[doc] = source.length(sentence)
        for (let p = source.termStarts[sentence]; p < source.termStarts[sentence + 1]; p++) {
          const at = fill[map[source.termIds[p]]]++
          ids[at] = doc
          tfs[at] = source.termTfs[p]
        }
      }
    })
    index.setArrays(offsets, ids, tfs, lengths)
    return index
  }

  private setArrays(offsets: Uint32Array, ids: Uint32Array, tfs: Uint8Array, lengths: Uint16Array): void {
    this.offsets = offsets
    this.ids = ids
    this.tfs = tfs
    this.lengths = lengths
    this.docCount = lengths.length
    let sum = 0
    for (const length of lengths) sum += length
    this.averageLength = this.docCount > 0 ? Math.max(1, sum / this.docCount) : 1
  }

  /** Number of indexed sentences. */
  get sentences(): number {
    return this.docCount
  }

  /** Number of sentences holding the term. */
  df(term: string): number {
    const slot = this.slots.get(term)
    return slot === undefined ? 0 : this.offsets[slot + 1] - this.offsets[slot]
  }

  /** Share of sentences holding the term (0..1). */
  share(term: string): number {
    return this.docCount === 0 ? 0 : this.df(term) / this.docCount
  }

  /** Smoothed IDF for alignment weights; unseen terms weigh most. */
  idf(term: string): number {
    let value = this.idfCache.get(term)
    if (value === undefined) {
      value = Math.log(1 + (this.docCount + 1) / (this.df(term) + 0.5))
      if (this.idfCache.size > 100_000) this.idfCache.clear()
      this.idfCache.set(term, value)
    }
    return value
  }

  /**
   * The `limit` best sentences for the query terms by BM25 (k1 1.2, b 0.75).
   *
   * Candidates come from the rarest terms, taken in order while their postings stay within
   * `budget` (`SEARCH_BUDGET`); the remaining terms only add to the scores of those candidates (binary
   * search in their sorted postings). A sentence that shares nothing but common words with
   * the query is no candidate: it could not be about the same thing. Cost per query is
   * bounded by the budget, not by the corpus size.
   */
  search(terms: string[], limit: number, budget = SEARCH_BUDGET): Array<{sentence: number; score: number}> {
    if (this.docCount === 0 || limit <= 0) return []
    const slots = [...new Set(terms)]
      .map((term) => this.slots.get(term))
      .filter((slot): slot is number => slot !== undefined)
      .sort((a, b) => this.postingCount(a) - this.postingCount(b))
    if (slots.length === 0) return []
    const scores = (this.scratch ??= new Float64Array(this.docCount))
    const k = candidateTermCount(slots.map((slot) => this.postingCount(slot)), budget)
    const lists = slots.map((slot) => postingsCursor(this.ids, this.tfs, this.lengths, this.offsets[slot], this.offsets[slot + 1], this.bm25Idf(this.postingCount(slot))))
    this.stats.queries++
    return scorePostings(lists, k, true, this.averageLength, limit, scores, this.stats)
  }

  /** Serialises the finished index: a small JSON header, then the typed arrays. */
  toBuffer(): Buffer {
    const terms = new Array<string>(this.slots.size)
    for (const [term, slot] of this.slots) terms[slot] = term
    const header = Buffer.from(JSON.stringify({terms, docCount: this.docCount, averageLength: this.averageLength}), 'utf8')
    const parts = [Buffer.from(MAGIC), u32(header.length), header, pad(header.length), bytes(this.offsets), bytes(this.ids), bytes(this.lengths), bytes(this.tfs)]
    return Buffer.concat(parts)
  }

  /** Reads an index written by `toBuffer`; throws on anything else. */
  static fromBuffer(buffer: Buffer): SentenceIndex {
    if (buffer.length < 8 || buffer.subarray(0, 4).toString('latin1') !== MAGIC) throw new Error('not a Briefcheck sentence index')
    const headerLength = buffer.readUInt32LE(4)
    let at = 8
    const header = JSON.parse(buffer.subarray(at, at + headerLength).toString('utf8')) as {terms: string[]; docCount: number; averageLength: number}
    at += headerLength + padLength(headerLength)
    const index = new SentenceIndex()
    const take = <T>(make: (b: ArrayBuffer, offset: number, count: number) => T, count: number, size: number): T => {
      // A view into the read buffer when aligned for the typed array (a cache file's index is):
      // copies of the postings sat beside the file's bytes at a warm load's peak (issue #15).
      // A copy otherwise (a Buffer's own offset need not be aligned).
      const offset = buffer.byteOffset + at
      at += count * size
      if (offset % size === 0) return make(buffer.buffer as ArrayBuffer, offset, count)
      const slice = new Uint8Array(count * size)
      slice.set(buffer.subarray(at - count * size, at))
      return make(slice.buffer, 0, count)
    }
    const offsets = take((b, o, n) => new Uint32Array(b, o, n), header.terms.length + 1, 4)
    const total = offsets[header.terms.length]
    if (8 + headerLength + padLength(headerLength) + (header.terms.length + 1) * 4 + total * 5 + header.docCount * 2 !== buffer.length) {
      throw new Error('sentence index has the wrong length')
    }
    const ids = take((b, o, n) => new Uint32Array(b, o, n), total, 4)
    const lengths = take((b, o, n) => new Uint16Array(b, o, n), header.docCount, 2)
    const tfs = take((b, o, n) => new Uint8Array(b, o, n), total, 1)
    for (let t = 0; t < header.terms.length; t++) {
      if (offsets[t] > offsets[t + 1]) throw new Error('sentence index postings out of order')
    }
    // An indexed loop and one comparison at the end: the iterator form cost ≈ 100 ms over the
    // 10 million postings of 10,000 briefs at every warm load (profiled, issue #15).
    let highest = 0
    for (let p = 0; p < ids.length; p++) if (ids[p] > highest) highest = ids[p]
    if (ids.length > 0 && highest >= header.docCount) throw new Error('sentence index names a sentence it does not hold')
    header.terms.forEach((term, slot) => index.slots.set(term, slot))
    index.setArrays(offsets, ids, tfs, lengths)
    return index
  }

  private postingCount(slot: number): number {
    return this.offsets[slot + 1] - this.offsets[slot]
  }

  private bm25Idf(df: number): number {
    return Math.log(1 + (this.docCount - df + 0.5) / (df + 0.5))
  }

}

/** What `SentenceIndex.build` reads of each parsed source (see corpus/parsed-source.ts). */
export interface IndexInput {
  /** Distinct terms joined by newlines; `termIds` number them from 0. */
  vocabulary: string
  termStarts: Uint32Array
  termIds: Uint32Array
  termTfs: Uint8Array
  /** BM25 length of the source's `sentence`-th sentence. */
  length(sentence: number): number
}

/** Postings a query may walk to find candidates, whatever the corpus size. */
export const SEARCH_BUDGET = 60_000

/**
 * How many of a query's terms, rarest first (`counts` are their postings, ascending), find
 * candidates: taken while their postings fit `budget`, the first always. Both stores plan with
 * it (store/postgres/retrieve.ts), so their candidates are the same.
 */
export function candidateTermCount(counts: readonly number[], budget: number): number {
  let used = 0
  let k = 0
  for (; k < counts.length; k++) {
    if (k > 0 && used + counts[k] > budget) break
    used += counts[k]
  }
  return k
}
/** BM25 parameters (`bm25Weight`); exported for the reference search in the tests. */
export const K1 = 1.2
export const B = 0.75

/**
 * BM25's weight of a term occurring `tf` times in a sentence of `length` terms. One formula
 * for the embedded index and the PostgreSQL reader (store/postgres/score.ts), whose scores must
 * be equal bit for bit: the same operations in the same order.
 */
export function bm25Weight(tf: number, length: number, averageLength: number): number {
  const norm = 1 - B + (B * length) / averageLength
  return (tf * (K1 + 1)) / (tf + K1 * norm)
}

/**
 * One query term's postings as `scorePostings` reads them: the sentence ids in `ids[start, end)`
 * (ascending), the term's count in each in `tfs` at the same positions, and the sentences' BM25
 * lengths in `lengths`, at the posting's position or, for a store that keeps one length per
 * sentence, at the sentence id (`scorePostings`'s `lengthsByDoc`). The embedded index gives
 * views into its whole-index arrays; the PostgreSQL reader its per-term lists
 * (store/postgres/score.ts).
 */
export interface PostingsCursor {
  ids: Uint32Array
  tfs: Uint8Array
  lengths: Uint16Array
  start: number
  end: number
  /** The term's BM25 idf. */
  idf: number
}

/** A `PostingsCursor`, always built here so that every cursor has one shape (the loops below stay monomorphic). */
export function postingsCursor(ids: Uint32Array, tfs: Uint8Array, lengths: Uint16Array, start: number, end: number, idf: number): PostingsCursor {
  return {ids, tfs, lengths, start, end, idf}
}

/**
 * The `limit` best sentences by BM25 for a query's terms, rarest first: the sentences of the
 * first `candidateTerms` terms are the candidates, and every term adds `idf × weight` to the
 * candidates holding it, in term order. The one scoring loop of both stores
 * (`SentenceIndex.search`, store/postgres/score.ts `scoreQuery`), whose hits and scores must be
 * equal bit for bit: the same IEEE operations in the same order. `scores` is a zeroed array with
 * one slot per sentence, left zeroed; `stats` (optional) counts the postings walked for
 * candidates and the candidate lookups that completed scores.
 */
export function scorePostings(
  lists: readonly PostingsCursor[],
  candidateTerms: number,
  lengthsByDoc: boolean,
  averageLength: number,
  limit: number,
  scores: Float64Array,
  stats?: {postings: number; completions: number},
): Array<{sentence: number; score: number}> {
  let used = 0
  for (let k = 0; k < candidateTerms; k++) used += lists[k].end - lists[k].start
  // Candidates in a typed array sized by the postings walked, sorted by the native numeric
  // sort: a `number[]` sorted with a comparator took 7-13 ms for 40,000 candidates (five
  // sorted runs), most of a query's time at 10,000 briefs; the typed sort takes 1.5-2 ms.
  const found = new Uint32Array(used)
  let n = 0
  let k = 0
  for (; k < candidateTerms; k++) {
    const {ids, tfs, lengths, start, end, idf} = lists[k]
    for (let p = start; p < end; p++) {
      const doc = ids[p]
      if (scores[doc] === 0) found[n++] = doc
      scores[doc] += idf * bm25Weight(tfs[p], lengths[lengthsByDoc ? doc : p], averageLength)
    }
  }
  const touched = found.subarray(0, n)
  // The remaining (common) terms only add to the candidates' scores. Candidates in id order
  // let each term's sorted postings be searched forward from the last match (galloping):
  // a binary search per candidate from scratch made the first check of a 5,000-word draft at
  // 10,000 briefs spend most of its time here (profiled: 65% of checkDraft). Each candidate
  // still receives the terms in the same order, so scores are bit-for-bit what they were.
  if (k < lists.length) touched.sort()
  let completions = 0
  for (; k < lists.length; k++) {
    const {ids, tfs, lengths, end, idf} = lists[k]
    let from = lists[k].start
    completions += touched.length
    for (let c = 0; c < touched.length; c++) {
      const doc = touched[c]
      from = seekAtLeast(ids, from, end, doc)
      if (from >= end) break
      if (ids[from] === doc) scores[doc] += idf * bm25Weight(tfs[from], lengths[lengthsByDoc ? doc : from], averageLength)
    }
  }
  if (stats) {
    stats.postings += used
    stats.completions += completions
  }
  const best = topK(touched, scores, limit).map((doc) => ({sentence: doc, score: scores[doc]}))
  for (let c = 0; c < touched.length; c++) scores[touched[c]] = 0
  return best
}

const MAGIC = 'BCIX'

/**
 * First position in `ids[from, end)` (ascending) holding an id ≥ `doc`, `end` when none:
 * gallop, then bisect. Exported for the database store's scoring (store/postgres/score.ts).
 */
export function seekAtLeast(ids: Uint32Array, from: number, end: number, doc: number): number {
  if (from >= end || ids[from] >= doc) return from
  let step = 1
  let lo = from
  let hi = from + 1
  while (hi < end && ids[hi] < doc) {
    lo = hi
    step *= 2
    hi = lo + step
  }
  if (hi > end) hi = end
  // ids[lo] < doc; the answer lies in (lo, hi].
  while (lo + 1 < hi) {
    const mid = (lo + hi) >> 1
    if (ids[mid] < doc) lo = mid
    else hi = mid
  }
  return hi
}

/**
 * The `k` ids with the highest scores, best first, the lower id first among equal scores (a
 * bounded min-heap). Exported so a database store (store/postgres/score.ts) ranks its
 * candidates with this very selection and gives the same hits.
 */
export function topK(ids: ArrayLike<number>, scores: Float64Array, k: number): number[] {
  const heap: number[] = []
  const less = (a: number, b: number) => scores[a] < scores[b] || (scores[a] === scores[b] && a > b)
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!less(heap[i], heap[parent])) break
      ;[heap[i], heap[parent]] = [heap[parent], heap[i]]
      i = parent
    }
  }
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < heap.length && less(heap[l], heap[m])) m = l
      if (r < heap.length && less(heap[r], heap[m])) m = r
      if (m === i) return
      ;[heap[i], heap[m]] = [heap[m], heap[i]]
      i = m
    }
  }
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]
    if (heap.length < k) {
      heap.push(id)
      up(heap.length - 1)
    } else if (less(heap[0], id)) {
      heap[0] = id
      down(0)
    }
  }
  return heap.sort((a, b) => scores[b] - scores[a] || a - b)
}

function u32(value: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeUInt32LE(value)
  return b
}

function padLength(length: number): number {
  return (4 - (length % 4)) % 4
}

function pad(length: number): Buffer {
  return Buffer.alloc(padLength(length))
}

function bytes(array: Uint32Array | Uint16Array | Uint8Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength)
}
