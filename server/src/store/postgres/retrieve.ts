import type {ClientBase, Pool} from 'pg'
import {QUERY_TERMS} from '../../engine/corpus/corpus'
import {SEARCH_BUDGET} from '../../engine/index/sentence-index'
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

/** One sentence row as stored, with its source row and number in the source. */
export interface SentenceRow {
  source_id: number
  ord: number
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
 * The postings rows of these terms (postings.ts), by term, and the generation they were read
 * in: one statement, so one snapshot, whatever the number of terms.
 */
export async function fetchPostings(db: Pool | ClientBase, terms: readonly string[]): Promise<{generation: number; rows: Map<string, Buffer[]>}> {
  const result = await db.query<{generation: number | null; term: string | null; data: Buffer | null}>(
    `SELECT generation, NULL::text AS term, NULL::bytea AS data FROM briefcheck_state
     UNION ALL SELECT NULL, term, data FROM postings WHERE term = ANY($1::text[])`,
    [terms],
  )
  let generation = -1
  const rows = new Map<string, Buffer[]>()
  for (const row of result.rows) {
    if (row.term === null || row.data === null) {
      generation = row.generation ?? -1
      continue
    }
    let list = rows.get(row.term)
    if (!list) rows.set(row.term, (list = []))
    list.push(row.data)
  }
  return {generation, rows}
}

/** Sentence rows by (source row id, number in source), and the generation they were read in. */
export async function fetchSentences(db: Pool | ClientBase, sourceIds: readonly number[], ords: readonly number[]): Promise<{generation: number; rows: SentenceRow[]}> {
  const result = await db.query<SentenceRow & {generation: number}>(
    `SELECT s.source_id, s.ord, s.text, s.start_offset, s.end_offset, s.start_line, s.start_character, s.end_line, s.end_character, s.section, s.page,
       (SELECT generation FROM briefcheck_state) AS generation
     FROM unnest($1::bigint[], $2::int[]) AS u(source_id, ord) JOIN sentences s USING (source_id, ord)`,
    [sourceIds, ords],
  )
  return {generation: result.rows[0]?.generation ?? -1, rows: result.rows}
}
