import type {ClientBase, Pool} from 'pg'
import {QUERY_TERMS} from '../../engine/corpus/corpus'
import {candidateTermCount, SEARCH_BUDGET} from '../../engine/index/sentence-index'
import {terms} from '../../engine/index/terms'
import {RECORD_BYTES} from './postings'

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
  const k = candidateTermCount(known.map((t) => dict.df(t)), SEARCH_BUDGET)
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

/** Columns of a sentence row, in `SentenceRow` order. */
const SENTENCE_COLUMNS = 's.source_id, s.ord, s.text, s.start_offset, s.end_offset, s.start_line, s.start_character, s.end_line, s.end_character, s.section, s.page'

/** The same row shape filled with NULLs (for the statement's other kinds of row). */
const NO_SENTENCE =
  'NULL::bigint AS source_id, NULL::int AS ord, NULL::text AS text, NULL::int AS start_offset, NULL::int AS end_offset, NULL::int AS start_line, NULL::int AS start_character, NULL::int AS end_line, NULL::int AS end_character, NULL::text AS section, NULL::int AS page'

/**
 * One statement, so one round trip and one snapshot: the generation, the postings rows of
 * `terms`, and the sentence rows (with their neighbours in the source) of every posting of
 * `expandTerms` (few: the caller names only terms with short lists) plus the rows named by
 * `sourceIds`/`ords`. A posting's first 8 bytes are its source row and sentence number
 * (postings.ts), which is the key of `sentences`, so the server finds a rare term's sentences
 * without the reader first reading and scoring its postings. Named, so each connection plans
 * it once.
 *
 * The wanted rows are looked up one by one in the primary key (`LATERAL … LIMIT 1`, which the
 * planner cannot turn into a join): it estimates `generate_series` at 1,000 rows per postings row,
 * so a plain join looked big enough for a hash join over a sequential scan of all of `sentences`.
 * EXPLAIN ANALYZE at 10,000 briefs, schema 3: 735 wanted rows, hash join with a scan of 799,832
 * sentences, 490 ms; that plan was the slow tail of edits (p90 146 ms per statement, unloaded).
 */
const FETCH = {
  name: 'briefcheck_fetch_v3',
  text: `WITH expanded AS (
      SELECT DISTINCT
        get_byte(p.data, o) + 256 * get_byte(p.data, o + 1) + 65536 * get_byte(p.data, o + 2) + 16777216::bigint * get_byte(p.data, o + 3) AS source_id,
        (get_byte(p.data, o + 4) + 256 * get_byte(p.data, o + 5) + 65536 * get_byte(p.data, o + 6) + 16777216::bigint * get_byte(p.data, o + 7))::int AS ord
      FROM postings p, generate_series(0, length(p.data) - ${RECORD_BYTES}, ${RECORD_BYTES}) AS o
      WHERE p.term = ANY($2::text[])
    ), wanted AS (
      SELECT source_id, ord + d AS ord FROM expanded, (VALUES (-1), (0), (1)) AS n(d)
      UNION SELECT * FROM unnest($3::bigint[], $4::int[])
    )
    SELECT generation, NULL::text AS term, NULL::bytea AS data, ${NO_SENTENCE} FROM briefcheck_state
    UNION ALL SELECT NULL, term, data, ${NO_SENTENCE} FROM postings WHERE term = ANY($1::text[])
    UNION ALL SELECT NULL, NULL, NULL, found.* FROM wanted w
      CROSS JOIN LATERAL (SELECT ${SENTENCE_COLUMNS} FROM sentences s WHERE s.source_id = w.source_id AND s.ord = w.ord LIMIT 1) AS found`,
}

/** What `fetch` read: the generation it was read in, postings rows by term, sentence rows. */
export interface Fetched {
  generation: number
  postings: Map<string, Buffer[]>
  rows: SentenceRow[]
}

/** Runs `FETCH` (see there) and sorts its rows by kind. */
export async function fetch(db: Pool | ClientBase, terms: readonly string[], expandTerms: readonly string[], sourceIds: readonly number[], ords: readonly number[]): Promise<Fetched> {
  const result = await db.query<SentenceRow & {generation: number | null; term: string | null; data: Buffer | null}>({...FETCH, values: [terms, expandTerms, sourceIds, ords]})
  const out: Fetched = {generation: -1, postings: new Map(), rows: []}
  for (const row of result.rows) {
    if (row.generation !== null) out.generation = row.generation
    else if (row.term !== null && row.data !== null) {
      let list = out.postings.get(row.term)
      if (!list) out.postings.set(row.term, (list = []))
      list.push(row.data)
    } else out.rows.push(row)
  }
  return out
}
