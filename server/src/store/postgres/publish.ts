import type {PoolClient} from 'pg'
import type {BibEntry} from '../../engine/corpus/bibliography'
import {describeSources, sortByPath} from '../../engine/corpus/corpus'
import type {FrontMatterMeta} from '../../engine/corpus/frontmatter'
import type {CorpusProblem} from '../../engine/corpus/types'
import {RECORD_BYTES} from './postings'

/** The channel readers LISTEN on; the payload is the new generation. */
export const CHANGE_CHANNEL = 'briefcheck_corpus'

/**
 * Makes one ingestion run's result the corpus readers see, in one transaction: rows of files
 * no longer there (or since changed) go, document frequencies and BM25 length statistics move
 * by exactly what was added and removed, every source is numbered in path order with its
 * first sentence id (so ids equal the embedded index's), keys are recomputed over the whole
 * corpus as `assembleCorpus` does, and the generation moves on. A kill before COMMIT leaves
 * the previous corpus intact; the next run publishes again.
 */
export async function publish(client: PoolClient, current: Array<{path: string; hash: string}>, problems: CorpusProblem[]): Promise<{removed: number; generation: number}> {
  await client.query('BEGIN')
  try {
    await client.query('SELECT pg_advisory_xact_lock(1851880)')
    await client.query('CREATE TEMP TABLE current_files (path text, hash text, PRIMARY KEY (path, hash)) ON COMMIT DROP')
    await client.query('INSERT INTO current_files SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING', [current.map((c) => c.path), current.map((c) => c.hash)])
    // Published rows leaving the corpus, and unpublished rows joining it.
    await client.query(
      `CREATE TEMP TABLE leaving ON COMMIT DROP AS
       SELECT id, path, batch FROM sources s WHERE NOT EXISTS (SELECT 1 FROM current_files c WHERE c.path = s.path AND c.hash = s.hash)`,
    )
    await client.query('CREATE TEMP TABLE joining ON COMMIT DROP AS SELECT id FROM sources WHERE first_id IS NULL AND id NOT IN (SELECT id FROM leaving)')
    const leftPublished = await client.query<{n: number; paths: number}>(
      'SELECT count(*)::int AS n, count(DISTINCT path)::int AS paths FROM leaving l JOIN sources s USING (id, path) WHERE s.first_id IS NOT NULL',
    )
    const joined = await client.query<{n: number}>('SELECT count(*)::int AS n FROM joining')
    const removedPaths = await client.query<{n: number}>(
      'SELECT count(DISTINCT path)::int AS n FROM leaving l WHERE NOT EXISTS (SELECT 1 FROM current_files c WHERE c.path = l.path)',
    )
    const changed = leftPublished.rows[0].n > 0 || joined.rows[0].n > 0
    if (changed) {
      await moveStatistics(client, 'leaving', -1)
      await moveStatistics(client, 'joining', 1)
      await client.query('DELETE FROM terms WHERE df <= 0')
    }
    // Sentences and figures name their source without a foreign key (schema.ts says why): they go here, with it.
    await client.query('DELETE FROM sentences WHERE source_id IN (SELECT id FROM leaving)')
    await client.query('DELETE FROM figures WHERE source_id IN (SELECT id FROM leaving)')
    await client.query('DELETE FROM sources WHERE id IN (SELECT id FROM leaving)')
    // A batch's postings go with its last source; readers skip those of its other gone sources.
    await client.query('DELETE FROM postings WHERE batch IN (SELECT DISTINCT batch FROM leaving l WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.batch = l.batch))')
    await client.query('DELETE FROM bibliographies b WHERE NOT EXISTS (SELECT 1 FROM current_files c WHERE c.path = b.path)')
    if (changed) await numberSources(client)
    await client.query('DELETE FROM problems')
    if (problems.length > 0) {
      await client.query('INSERT INTO problems (ord, path, reason) SELECT k, path, reason FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(path, reason, k)', [problems.map((p) => p.path), problems.map((p) => p.reason)])
    }
    const state = await client.query<{generation: number}>(
      `UPDATE briefcheck_state SET generation = generation + $1, published_at = now() RETURNING generation`,
      [changed ? 1 : 0],
    )
    const generation = state.rows[0].generation
    if (changed) await client.query(`SELECT pg_notify($1, $2)`, [CHANGE_CHANNEL, String(generation)])
    await client.query('COMMIT')
    return {removed: removedPaths.rows[0].n, generation}
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  }
}

/**
 * Adds (`sign` 1, the joining sources) or subtracts (-1, the published ones among the leaving)
 * the document frequencies and lengths of a set of sources.
 *
 * Frequencies come from the per-source counts `writeBatch` stored with each source (rows.ts
 * `sourceTerms`), except for joining batches whose every source joins (a first run, or new
 * files): there a term's postings row holds one record per sentence holding it, so its length
 * is the batch's whole contribution, read without unpacking a source's counts (one row per
 * term and batch instead of one per term and source). A batch is whole while it is
 * unpublished: its sources are only deleted by a publish, which publishes the rest of them.
 */
async function moveStatistics(client: PoolClient, table: 'leaving' | 'joining', sign: 1 | -1): Promise<void> {
  const sources = table === 'leaving' ? 'leaving x JOIN sources so ON so.id = x.id AND so.first_id IS NOT NULL' : 'joining x JOIN sources so ON so.id = x.id'
  const whole =
    table === 'leaving'
      ? 'SELECT NULL::bigint AS batch WHERE false'
      : `SELECT so.batch FROM sources so LEFT JOIN joining j ON j.id = so.id
         WHERE so.batch IN (SELECT s.batch FROM joining x JOIN sources s ON s.id = x.id)
         GROUP BY so.batch HAVING bool_and(j.id IS NOT NULL)`
  await client.query(
    `WITH whole AS (${whole})
     INSERT INTO terms (term, df)
     SELECT t, $1::int * sum(d) FROM (
       SELECT term AS t, length(data) / ${RECORD_BYTES} AS d FROM postings WHERE batch IN (SELECT batch FROM whole)
       UNION ALL
       SELECT u.t, u.d FROM ${sources}, unnest(string_to_array(so.terms, ' '), string_to_array(so.dfs, ' ')::int[]) AS u(t, d) WHERE so.batch NOT IN (SELECT batch FROM whole)
     ) AS counts
     GROUP BY t
     ON CONFLICT (term) DO UPDATE SET df = terms.df + excluded.df`,
    [sign],
  )
  await client.query(
    `UPDATE briefcheck_state SET
       sentence_count = sentence_count + $1::int * u.sentences, length_sum = length_sum + $1::int * u.lengths
     FROM (SELECT coalesce(sum(so.sentence_count), 0) AS sentences, coalesce(sum(so.length_sum), 0) AS lengths FROM ${sources}) AS u`,
    [sign],
  )
}

/** Positions, first sentence ids and metadata of every source, in path order. */
async function numberSources(client: PoolClient): Promise<void> {
  const rows = (
    await client.query<{id: number; path: string; parsed_meta: FrontMatterMeta; sentence_count: number}>('SELECT id, path, parsed_meta, sentence_count FROM sources')
  ).rows.map((r) => ({...r, meta: r.parsed_meta}))
  const bibliography: BibEntry[] = []
  const bibs = (await client.query<{path: string; entries: BibEntry[]}>('SELECT path, entries FROM bibliographies')).rows
  for (const bib of sortByPath(bibs)) bibliography.push(...bib.entries)
  const sorted = sortByPath(rows)
  const metas = describeSources(sorted, bibliography)
  let first = 0
  const firstIds: number[] = []
  for (const row of sorted) {
    firstIds.push(first)
    first += row.sentence_count
  }
  await client.query(
    `UPDATE sources s SET position = u.position, first_id = u.first_id, key = u.key, title = u.title, authors = string_to_array(u.authors, E'\\x1f'),
       date = u.date, url = u.url, publisher = u.publisher, reference = u.reference
     FROM unnest($1::bigint[], $2::int[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
       AS u(id, position, first_id, key, title, authors, date, url, publisher, reference)
     WHERE s.id = u.id
       -- Only rows whose numbering or metadata moved: a run that changes one file near the end of
       -- the paths rewrote all 100,000 rows (the whole run 24.2 s; 20.7–22.7 s with this).
       AND (s.position, s.first_id, s.key, s.title, s.authors, s.date, s.url, s.publisher, s.reference)
         IS DISTINCT FROM (u.position, u.first_id, u.key, u.title, string_to_array(u.authors, E'\\x1f'), u.date, u.url, u.publisher, u.reference)`,
    [
      sorted.map((r) => r.id),
      sorted.map((_, k) => k),
      firstIds,
      metas.map((m) => m.key),
      metas.map((m) => m.title),
      metas.map((m) => m.authors.join('\x1f')),
      metas.map((m) => m.date ?? null),
      metas.map((m) => m.url ?? null),
      metas.map((m) => m.publisher ?? null),
      metas.map((m) => m.reference),
    ],
  )
}
