import {bm25Weight, postingsCursor, scorePostings, seekAtLeast, topK} from '../../engine/index/sentence-index'
import type {TermPostings} from './postings'

/** What `scoreQuery` needs of a planned query (retrieve.ts `planQuery`). */
export interface ScoringPlan {
  terms: string[]
  idf: number[]
  candidateTerms: number
}

/**
 * The `limit` best sentences for a plan, as `SentenceIndex.search` ranks them: both run the
 * embedded index's one scoring loop (`scorePostings`) over the same postings, this one over the
 * per-term lists fetched from the store, whose lengths are per posting. Candidates are the
 * sentences of the first `candidateTerms` terms; `scratch` has one slot per sentence of the
 * generation and is left zeroed. A first version kept scores in a `Map` and sorted every
 * candidate, and a one-sentence re-check spent most of its time there and in the garbage
 * collector (profiled at 3,000 briefs: 26 % of the re-check's samples in scoring, 23 % in GC).
 */
export function scoreQuery(
  plan: ScoringPlan,
  postingsOf: (term: string) => TermPostings,
  averageLength: number,
  limit: number,
  scratch: Float64Array,
): Array<{sentence: number; score: number}> {
  const lists = plan.terms.map((term, k) => {
    const {ids, tfs, lengths} = postingsOf(term)
    return postingsCursor(ids, tfs, lengths, 0, ids.length, plan.idf[k])
  })
  return scorePostings(lists, plan.candidateTerms, false, averageLength, limit, scratch)
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
