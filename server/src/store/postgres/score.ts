import {bm25Weight, seekAtLeast, topK} from '../../engine/index/sentence-index'
import type {TermPostings} from './postings'

/** What `scoreQuery` needs of a planned query (retrieve.ts `planQuery`). */
export interface ScoringPlan {
  terms: string[]
  idf: number[]
  candidateTerms: number
}

/**
 * The `limit` best sentences for a plan, as `SentenceIndex.search` ranks them: candidates are
 * the sentences of the first `candidateTerms` terms, every term adds `idf × BM25 weight` to
 * the candidates holding it in plan order (the same IEEE operations in the same order, so the
 * scores are equal bit for bit), and the embedded index's own `topK` picks the best (the lower
 * id first among equals).
 *
 * It works as the embedded search does, on a dense score array (`scratch`, one slot per
 * sentence of the generation, left zeroed) and with the common terms' sorted postings searched
 * forward per candidate: a first version kept scores in a `Map` and sorted every candidate,
 * and a one-sentence re-check spent most of its time there and in the garbage collector
 * (profiled at 3,000 briefs: 26 % of the re-check's samples in scoring, 23 % in GC).
 */
export function scoreQuery(
  plan: ScoringPlan,
  postingsOf: (term: string) => TermPostings,
  averageLength: number,
  limit: number,
  scratch: Float64Array,
): Array<{sentence: number; score: number}> {
  // Locals: imported bindings are property reads in a CommonJS build (tsx), and these loops run
  // per posting and per candidate (a profile at 10,000 briefs showed the export getter of
  // `seekAtLeast` at a third of scoreQuery's own time).
  const weight = bm25Weight
  const seek = seekAtLeast
  let used = 0
  for (let t = 0; t < plan.candidateTerms; t++) used += postingsOf(plan.terms[t]).ids.length
  // A typed array and the native numeric sort, as `SentenceIndex.search` collects its candidates (it says why).
  const found = new Uint32Array(used)
  let n = 0
  let k = 0
  for (; k < plan.candidateTerms; k++) {
    const {ids, tfs, lengths} = postingsOf(plan.terms[k])
    const idf = plan.idf[k]
    for (let p = 0; p < ids.length; p++) {
      const doc = ids[p]
      if (scratch[doc] === 0) found[n++] = doc
      scratch[doc] += idf * weight(tfs[p], lengths[p], averageLength)
    }
  }
  const touched = found.subarray(0, n)
  if (k < plan.terms.length) touched.sort()
  for (; k < plan.terms.length; k++) {
    const {ids, tfs, lengths} = postingsOf(plan.terms[k])
    const idf = plan.idf[k]
    let from = 0
    for (let c = 0; c < touched.length; c++) {
      const doc = touched[c]
      from = seek(ids, from, ids.length, doc)
      if (from >= ids.length) break
      if (ids[from] === doc) scratch[doc] += idf * weight(tfs[from], lengths[from], averageLength)
    }
  }
  const best = topK(touched, scratch, limit).map((doc) => ({sentence: doc, score: scratch[doc]}))
  for (let c = 0; c < touched.length; c++) scratch[touched[c]] = 0
  return best
}

/**
 * `scoreQuery` restricted to `docs`, a set known to hold every sentence `scoreQuery` would
 * return (answer.ts says when): each doc's terms are found by binary search and added in plan
 * order, so its score is bit for bit the one `scoreQuery` computes, and non-candidates (no
 * candidate term) are left out as there. Costs docs × terms × log(postings) instead of a walk
 * over every candidate's postings: after the round trip that completes a query's postings,
 * the query is not scored a second time in full.
 */
export function scoreDocs(plan: ScoringPlan, postingsOf: (term: string) => TermPostings, averageLength: number, limit: number, docs: Iterable<number>, scratch: Float64Array): Array<{sentence: number; score: number}> {
  const scored: number[] = []
  const lists = plan.terms.map(postingsOf)
  const weight = bm25Weight
  const seek = seekAtLeast
  for (const doc of docs) {
    let score = 0
    let candidate = false
    for (let k = 0; k < lists.length; k++) {
      const {ids, tfs, lengths} = lists[k]
      if (k >= plan.candidateTerms && !candidate) break
      const p = seek(ids, 0, ids.length, doc)
      if (p >= ids.length || ids[p] !== doc) continue
      if (k < plan.candidateTerms) candidate = true
      score += plan.idf[k] * weight(tfs[p], lengths[p], averageLength)
    }
    if (!candidate || scratch[doc] !== 0) continue
    scratch[doc] = score
    scored.push(doc)
  }
  const best = topK(scored, scratch, limit).map((doc) => ({sentence: doc, score: scratch[doc]}))
  for (const doc of scored) scratch[doc] = 0
  return best
}
