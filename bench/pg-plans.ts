/**
 * The plans of the readers' statements on a store as `briefcheck index` left it, then after
 * `ANALYZE` (issue #18: does a reader need fresh statistics after a large ingestion?). Run it
 * on a store written by `briefcheck index` with autovacuum off, so no statistics exist yet:
 *
 *   BRIEFCHECK_PG_OPTIONS='-c autovacuum=off' bash scripts/pg/with-postgres.sh sh -c \
 *     'node server/bin/briefcheck.js index --quiet --store "$BRIEFCHECK_PG_URL" bench/corpora/briefs-10000 &&
 *      node --import tsx bench/pg-plans.ts'
 *
 * The statements are the readers' own: the generation load, `source(key)` (and, for comparison,
 * the look-up by position it replaced), key completion, and the retrieval statement with the
 * parameters a real reader sent for a cold check's first batch and for an edited sentence
 * (captured through the pool's `observe`). Each is explained with its values bound, as a custom
 * plan and as the generic plan a named statement may switch to, with EXPLAIN (ANALYZE, BUFFERS).
 * Prints, before and after `ANALYZE`, each plan's shape (its nodes) and execution time.
 */
import {createRequire} from 'node:module'
import type {Pool} from 'pg'
import {openPool, type SentStatement} from '../server/src/store/postgres/connect'
import {PostgresStore} from '../server/src/store/postgres/store'
import {draftText} from './lib/generate'
import {round} from './lib/measure'
import {editRandomFigure, sentencesOf} from './lib/pg-edits'
import {Rng} from './lib/prng'

/** The `pg` client's own serialisation of a parameter (arrays as PostgreSQL array literals); untyped in @types/pg. */
const {prepareValue} = createRequire(__filename)('pg/lib/utils') as {prepareValue(value: unknown): unknown}

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  Plans?: PlanNode[]
}

/** A plan's nodes, depth first, as "Node Type(relation/index)". */
function shape(node: PlanNode): string {
  const on = node['Index Name'] ?? node['Relation Name']
  const self = on ? `${node['Node Type']}(${on})` : node['Node Type']
  return node.Plans?.length ? `${self}[${node.Plans.map(shape).join(', ')}]` : self
}

async function explain(pool: Pool, statement: SentStatement, mode: 'force_custom_plan' | 'force_generic_plan') {
  const client = await pool.connect()
  try {
    await client.query(`SET plan_cache_mode = ${mode}`)
    // A prepared statement, so that the generic plan is the one a named statement would reuse.
    await client.query('DEALLOCATE ALL')
    await client.query(`PREPARE bc_explain AS ${statement.text}`)
    // EXECUTE takes no bound parameters: the values go as literals, serialised as `pg` sends them.
    const values = (statement.values ?? []).map((v) => (v === null ? 'NULL' : client.escapeLiteral(String(prepareValue(v)))))
    const args = values.length > 0 ? `(${values.join(', ')})` : ''
    const result = await client.query<{'QUERY PLAN': Array<{Plan: PlanNode; 'Execution Time': number; 'Planning Time': number}>}>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE bc_explain${args}`)
    await client.query('DEALLOCATE bc_explain')
    const plan = result.rows[0]['QUERY PLAN'][0]
    return {shape: shape(plan.Plan), executionMs: round(plan['Execution Time'], 1), planningMs: round(plan['Planning Time'], 1)}
  } finally {
    client.release()
  }
}

async function main(): Promise<void> {
  const url = process.env.BRIEFCHECK_PG_URL
  if (!url) throw new Error('run through scripts/pg/with-postgres.sh')
  const pool = await openPool(url, {max: 1, applicationName: 'briefcheck-bench-plans'})
  const stats = async () =>
    (
      await pool.query<{relname: string; n_live_tup: number; last_analyze: string | null; last_autoanalyze: string | null; reltuples: number}>(
        `SELECT s.relname, s.n_live_tup::float8 AS n_live_tup, s.last_analyze, s.last_autoanalyze, c.reltuples::float8 AS reltuples
         FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.relname IN ('sources', 'sentences', 'postings', 'terms') ORDER BY 1`,
      )
    ).rows
  // The reader's own statements, captured as sent.
  const sent: SentStatement[] = []
  const store = await PostgresStore.open(url, {max: 1, observe: (s) => sent.push(s)})
  const generationLoad = sent.find((s) => s.text.includes('FROM sources WHERE first_id IS NOT NULL ORDER BY position'))!
  const sentences = sentencesOf(draftText(5_000, 100, 4242))
  sent.length = 0
  await store.prefetch(sentences.slice(0, 100))
  const coldFetch = sent.find((s) => s.name)!
  sent.length = 0
  const rng = new Rng(7)
  let editFetch: SentStatement | undefined
  for (let tries = 0; tries < 50 && !editFetch; tries++) {
    await store.candidates(editRandomFigure(sentences[rng.int(0, 99)], rng), 5)
    editFetch = sent.find((s) => s.name)
  }
  const key = store.view().sources[Math.floor(store.view().sources.length / 2)].key
  sent.length = 0
  await store.source(key)
  const source = sent[0]
  await store.close()
  const position = store.view().sourceByKey(key)!
  const statements: Record<string, SentStatement> = {
    generationLoad,
    terms: {text: 'SELECT term, df FROM terms'},
    fetchColdBatch: coldFetch,
    ...(editFetch ? {fetchEdit: editFetch} : {}),
    source,
    sourceByPositionBefore: {
      text: `SELECT s.text, s.start_offset, s.end_offset, s.section, s.page FROM sentences s JOIN sources so ON so.id = s.source_id
       WHERE so.position = $1 AND so.first_id IS NOT NULL ORDER BY s.ord`,
      values: [position],
    },
    listKeys: {text: `SELECT key, title, authors, date FROM sources WHERE first_id IS NOT NULL AND lower(key) LIKE $1 ORDER BY key COLLATE "C" LIMIT $2`, values: ['b%', 50]},
  }
  const round1 = async () => {
    const out: Record<string, unknown> = {}
    for (const [name, statement] of Object.entries(statements)) {
      out[name] = {custom: await explain(pool, statement, 'force_custom_plan'), generic: await explain(pool, statement, 'force_generic_plan')}
    }
    return out
  }
  const before = {tables: await stats(), plans: await round1()}
  const t = performance.now()
  await pool.query('ANALYZE sources, sentences, postings, terms')
  const analyzeMs = round(performance.now() - t, 0)
  const after = {tables: await stats(), plans: await round1()}
  await pool.end()
  const same = Object.fromEntries(
    Object.keys(statements).map((name) => {
      const b = before.plans[name] as {custom: {shape: string}; generic: {shape: string}}
      const a = after.plans[name] as {custom: {shape: string}; generic: {shape: string}}
      return [name, {custom: b.custom.shape === a.custom.shape, generic: b.generic.shape === a.generic.shape}]
    }),
  )
  process.stdout.write(JSON.stringify({analyzeMs, samePlanAfterAnalyze: same, before, after}, null, 2) + '\n')
}

main().catch((error) => {
  process.stderr.write(`pg-plans: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
})
