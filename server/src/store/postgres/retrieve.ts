import type {ClientBase, Pool} from 'pg'
import {QUERY_TERMS} from '../../engine/corpus/corpus'
import {B, K1, SEARCH_BUDGET} from '../../engine/index/sentence-index'
import {terms} from '../../engine/index/terms'

/** Document frequencies and length statistics of one published generation. */
export interface Dictionary {
  df(term: string): number
  readonly docCount: number
  readonly averageLength: number
}

/** A query's terms as `SentenceIndex.search` would use them: in scoring order, with BM25 idf. */
export interface QueryPlan {
  terms: string[]
  idf: number[]
  /** How many of `terms`, from the first, find candidates; the rest only add to scores. */
  candidateTerms: number
}

/**
 * Plans a query exactly as the embedded index runs it (`Corpus.rank`, `SentenceIndex.search`):
 * the `QUERY_TERMS` rarest distinct terms, those in the corpus sorted by document frequency,
 * candidates from the rarest while their postings fit `SEARCH_BUDGET`. Undefined when no term
 * is in the corpus.
 */
export function planQuery(query: string, dict: Dictionary): QueryPlan | undefined {
  const distinct = [...new Set(terms(query))]
  const rarest = distinct.sort((a, b) => dict.df(a) - dict.df(b)).slice(0, QUERY_TERMS)
  const known = rarest.filter((t) => dict.df(t) > 0).sort((a, b) => dict.df(a) - dict.df(b))
  if (known.length === 0) return undefined
  let used = 0
  let k = 0
  for (; k < known.length; k++) {
    const count = dict.df(known[k])
    if (k > 0 && used + count > SEARCH_BUDGET) break
    used += count
  }
  const idf = known.map((t) => Math.log(1 + (dict.docCount - dict.df(t) + 0.5) / (dict.df(t) + 0.5)))
  return {terms: known, idf, candidateTerms: k}
}

/** One retrieved sentence, or a neighbour of one, as stored. */
export interface SentenceRow {
  id: number
  /** Score when the row is a hit; null for a neighbour only. */
  score: number | null
  rank: number | null
  position: number
  text: string
  start_offset: number
  end_offset: number
  start_line: number
  start_character: number
  end_line: number
  end_character: number
  section: string | null
  page: number | null
}

/**
 * Candidates by full-text search (GIN over the stored terms), ranked by BM25 in SQL with the
 * embedded index's arithmetic: the idf values come from the client, the term weights are
 * computed with the same operations in the same order and summed in the plan's term order,
 * so IEEE doubles give the same scores bit for bit and ties fall to the lower sentence id as
 * in `topK`. Returns the hits (rank 1…) and their neighbours (rank null), and the generation
 * the rows belong to.
 */
export async function retrieveRows(db: Pool | ClientBase, plan: QueryPlan, dict: Dictionary, limit: number): Promise<{generation: number; rows: SentenceRow[]}> {
  const tsquery = plan.terms
    .slice(0, plan.candidateTerms)
    .map((t) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`)
    .join(' | ')
  // Parameters: $1 tsquery, $2 K1 + 1, $3 K1, $4 1 - B, $5 B, $6 average length, $7 limit,
  // then each term and its idf. An absent term adds 0, which leaves a double unchanged, so the
  // left-to-right sum equals the embedded index's `scores[doc] +=` over the terms it holds.
  const norm = '($3::float8 * ($4::float8 + ($5::float8 * s.length::float8) / $6::float8))'
  const weights = plan.terms.map((_, i) => {
    const tf = `s.tfs[array_position(s.terms, $${8 + 2 * i}::text)]::float8`
    return `coalesce($${9 + 2 * i}::float8 * ((${tf} * $2::float8) / (${tf} + ${norm})), 0::float8)`
  })
  const score = weights.reduce((sum, w) => `(${sum} + ${w})`, '0::float8')
  const params: unknown[] = [tsquery, K1 + 1, K1, 1 - B, B, dict.averageLength, limit]
  plan.terms.forEach((term, i) => params.push(term, plan.idf[i]))
  const result = await db.query<SentenceRow & {generation: number}>(
    `WITH hits AS (
       SELECT so.first_id + s.ord AS id, s.source_id, s.ord, so.position, ${score} AS score
       FROM sentences s JOIN sources so ON so.id = s.source_id AND so.first_id IS NOT NULL
       WHERE s.tsv @@ $1::tsquery
       ORDER BY score DESC, id
       LIMIT $7),
     ranked AS (SELECT h.*, row_number() OVER (ORDER BY score DESC, id) AS rank FROM hits h)
     SELECT DISTINCT ON (n.source_id, n.ord) r.first_id + n.ord AS id,
       CASE WHEN n.ord = h.ord THEN h.score END AS score, CASE WHEN n.ord = h.ord THEN h.rank END AS rank, h.position,
       n.text, n.start_offset, n.end_offset, n.start_line, n.start_character, n.end_line, n.end_character, n.section, n.page,
       (SELECT generation FROM briefcheck_state) AS generation
     FROM ranked h JOIN sentences n ON n.source_id = h.source_id AND n.ord BETWEEN h.ord - 1 AND h.ord + 1
       JOIN sources r ON r.id = h.source_id
     ORDER BY n.source_id, n.ord, rank NULLS LAST`,
    params,
  )
  const generation = result.rows[0]?.generation ?? -1
  return {generation, rows: result.rows}
}
