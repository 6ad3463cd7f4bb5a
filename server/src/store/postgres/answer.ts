import type {Pool} from 'pg'
import type {Hit} from '../../engine/store/types'
import {decodePostings, type TermPostings} from './postings'
import {fetch, planQuery, type QueryPlan} from './retrieve'
import {scoreDocs, scoreQuery} from './score'
import type {PostgresView} from './view'

/**
 * Postings a query's short terms may have, together, for the server to send their sentences in
 * the same round trip (at most three rows per posting: the sentence and its neighbours).
 */
const EXPAND_BUDGET = 256

/**
 * Postings a query's missing terms may have, together, for its hits to be scored only among (a)
 * and (b) below (`scoreDocs`) when some are too long to expand: 4,096 sentences × at most 14 terms
 * (`QUERY_TERMS`) is about 57,000 binary searches, the order of the 60,000 postings
 * (`SEARCH_BUDGET`) a full `scoreQuery` may walk. At 10,000 briefs the long missing terms of
 * two-statement edits had 257–2,601 postings, once 7,635 (docs/scaling.md, "Review leftovers").
 */
const HELD_FIRST_BUDGET = 4_096

/**
 * Answers a batch of queries into `view`: scored as the embedded index scores them, with their
 * hits' sentence rows and neighbours fetched. Returns false when the store published a new
 * generation meanwhile (the view's answers are stale); `onRoundTrip` is told of each statement
 * sent, with the milliseconds until its rows were read (the benchmark splits a re-check's store
 * time with it: the server and the socket, against decoding and scoring here).
 *
 * One round trip in the common case, none when everything is in memory. A query needs two
 * things from the server: the postings of its terms this view has not read, and the rows of
 * its best sentences, which depend on the scores. Both come in one statement when every
 * missing term of the query is short (a figure, a name: what an edit typically adds): then its
 * hits can only be (a) among the `limit` best sentences by the terms already held, or (b)
 * sentences holding a missing term, which the server expands from those terms' postings.
 * Why: adding a term's weight never lowers a score (rounded addition is monotone), and a
 * sentence holding no missing term scores exactly what the held terms give it; so a sentence
 * outside (a) and (b) has `limit` others at or above it, ties going to the lower id as in
 * `topK`. When a missing term is too long to expand (a number or word in hundreds of
 * sentences) but the missing terms stay within `HELD_FIRST_BUDGET`, the same holds: (a)'s rows
 * still come with the first statement, the hits are scored among (a) and (b), and a second
 * statement reads only the rows of (b)'s sentences among the hits that this view does not hold
 * (measured at 10,000 briefs, 200 edits: two-statement edits 26 → 20, statements 136 → 128).
 * Beyond that budget the query is scored in full after the fetch and its rows come in a second
 * statement, as every query's did at first (measured at 3,000 briefs: one edit's re-check sent
 * 0-2 statements, most often 2; a hover on a new sentence 2).
 */
export async function answerQueries(pool: Pool, view: PostgresView, queries: readonly string[], limit: number, onRoundTrip: (ms: number) => void): Promise<boolean> {
  const plans: Array<{query: string; plan: QueryPlan}> = []
  for (const query of queries) {
    const plan = planQuery(query, view.dictionary)
    if (plan) plans.push({query, plan})
    else view.remember(query, limit, [])
  }
  if (plans.length === 0) return true
  // The postings each plan reads, held here so that the cache's evictions cannot lose one mid-answer.
  const held = new Map<string, TermPostings>()
  const missing = new Set<string>()
  for (const {plan} of plans) {
    for (const term of plan.terms) {
      const postings = held.get(term) ?? view.postings.get(term)
      if (postings) held.set(term, postings)
      else missing.add(term)
    }
  }
  const expand = new Set<string>()
  let expanding = 0
  for (const term of missing) {
    const df = view.dictionary.df(term)
    if (expanding + df > EXPAND_BUDGET) continue
    expand.add(term)
    expanding += df
  }
  const averageLength = view.dictionary.averageLength
  const postingsOf = (term: string) => held.get(term)!
  const wanted = new Set<number>()
  const want = (hits: readonly Hit[]) => {
    for (const hit of hits) for (const id of [hit.sentence - 1, hit.sentence, hit.sentence + 1]) if (id >= 0 && !view.holds(id)) wanted.add(id)
  }
  // Per plan: its final hits (nothing missing), or the best by the held terms (missing terms short or few), or nothing yet.
  const early = plans.map(({plan}) => {
    const absent = plan.terms.filter((term) => missing.has(term))
    if (absent.length === 0) return {final: true, hits: scoreQuery(plan, postingsOf, averageLength, limit, view.scoreScratch())}
    const absentPostings = absent.reduce((sum, term) => sum + view.dictionary.df(term), 0)
    if (absent.every((term) => expand.has(term)) || absentPostings <= HELD_FIRST_BUDGET) {
      return {final: false, absent, hits: scoreQuery(heldPart(plan, missing), postingsOf, averageLength, limit, view.scoreScratch())}
    }
    return undefined
  })
  for (const known of early) if (known) want(known.hits)
  if (missing.size > 0 || wanted.size > 0) {
    if (!(await fetchInto(pool, view, [...missing], [...expand], wanted, held, onRoundTrip))) return false
  }
  const answers = plans.map(({query, plan}, i) => {
    const known = early[i]
    if (known?.final) return {query, hits: known.hits}
    if (!known?.absent) return {query, hits: scoreQuery(plan, postingsOf, averageLength, limit, view.scoreScratch())}
    // Only (a) and (b) above can be hits: score just those.
    const docs = new Set(known.hits.map((hit) => hit.sentence))
    for (const term of known.absent) for (const id of postingsOf(term).ids) docs.add(id)
    return {query, hits: scoreDocs(plan, postingsOf, averageLength, limit, docs, view.scoreScratch())}
  })
  // Rows the first statement could not know of (a query with a long missing term).
  wanted.clear()
  for (const {hits} of answers) want(hits)
  if (wanted.size > 0 && !(await fetchInto(pool, view, [], [], wanted, held, onRoundTrip))) return false
  for (const {query, hits} of answers) view.remember(query, limit, hits)
  return true
}

/** The plan restricted to the terms whose postings are held, in the same order. */
function heldPart(plan: QueryPlan, missing: ReadonlySet<string>): QueryPlan {
  const part: QueryPlan = {terms: [], idf: [], candidateTerms: 0}
  plan.terms.forEach((term, k) => {
    if (missing.has(term)) return
    part.terms.push(term)
    part.idf.push(plan.idf[k])
    if (k < plan.candidateTerms) part.candidateTerms++
  })
  return part
}

/** One statement: postings of `terms`, rows of `expand`'s postings and of `ids`, into the view. False on a new generation. */
async function fetchInto(pool: Pool, view: PostgresView, terms: string[], expand: string[], ids: ReadonlySet<number>, held: Map<string, TermPostings>, onRoundTrip: (ms: number) => void): Promise<boolean> {
  const rowIds: number[] = []
  const ords: number[] = []
  for (const id of ids) {
    const at = view.locate(id)
    if (!at) continue
    rowIds.push(at.rowId)
    ords.push(at.ord)
  }
  const sent = performance.now()
  const fetched = await fetch(pool, terms, expand, rowIds, ords)
  onRoundTrip(performance.now() - sent)
  if (fetched.generation !== view.generation) return false
  for (const term of terms) {
    const postings = decodePostings(fetched.postings.get(term) ?? [], view.firstIdOf)
    held.set(term, postings)
    view.postings.set(term, postings)
  }
  for (const row of fetched.rows) view.addRow(row)
  return true
}
