/**
 * The PostgreSQL store under load (issue #18): ingestion speed, then 50 simulated writers each
 * editing a 5,000-word draft against one shared store, on a server on this machine (loopback:
 * a Unix socket, see scripts/pg/with-postgres.sh). Stops by itself after `--edits` foreground
 * edits or `--seconds` of them (after the untimed first check), whichever comes first. Figures are printed and written to
 * bench/pg-results-N.json; they are never asserted in tests.
 *
 *   npm run bench:pg -- --briefs 10000 --writers 50
 *
 * One machine cannot run 50 writers' checks in parallel, and real writers each check on their
 * own machine: so one foreground writer runs the real engine service (createEngine over a
 * PostgresStore: edit, re-check, prefetch of the edited sentence's queries) and is timed end to
 * end, while the 49 others, in a worker thread (bench/pg-writers.ts), keep the database busy
 * with what their edits ask of it (the retrieval of an edited sentence), pausing `--pause-ms`
 * between edits (default 0: a closed loop, a heavier load than 49 people typing).
 */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {URI} from 'vscode-uri'
import {DEFAULT_CONFIG} from '../server/src/engine/config'
import {createEngine} from '../server/src/engine/service'
import {listKeysOf} from '../server/src/engine/store/memory'
import {openPool} from '../server/src/store/postgres/connect'
import {ingest} from '../server/src/store/postgres/ingest'
import {PostgresStore} from '../server/src/store/postgres/store'
import {BENCH_DIR, corpusDir, ensureCorpora} from './lib/corpora'
import {draftText} from './lib/generate'
import {round} from './lib/measure'
import {Rng} from './lib/prng'
import {editRandomFigure, sentencesOf} from './lib/pg-edits'
import {Worker} from 'node:worker_threads'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

const BRIEFS = arg('briefs', 10_000)
const WRITERS = arg('writers', 50)
const EDITS = arg('edits', 60)
const SECONDS = arg('seconds', 240)
/** Pause of each background writer between two edits (0: a closed loop, no pause at all). */
const PAUSE_MS = arg('pause-ms', 0)
const DRAFT_WORDS = 5_000

function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))], 1)
}

async function main(): Promise<void> {
  const url = process.env.BRIEFCHECK_PG_URL
  if (!url) throw new Error('run through scripts/pg/with-postgres.sh (npm run bench:pg)')
  const log = (s: string) => process.stderr.write(`${s}\n`)
  const manifest = ensureCorpora([BRIEFS], log).get(BRIEFS)!

  // Ingestion: the whole corpus into an empty store.
  const pool = await openPool(url, {max: 1})
  log(`ingesting ${BRIEFS} briefs (${(manifest.bytes / 1048576).toFixed(1)} MB)…`)
  const t0 = performance.now()
  const ingested = await ingest(pool, [corpusDir(BRIEFS)], {baseDir: BENCH_DIR, onProgress: (p) => p.done % 2000 < 40 && log(`  ${p.done}/${p.total}`)})
  const ingestSeconds = (performance.now() - t0) / 1000
  const sizes = (
    await pool.query<{relation: string; bytes: number}>(
      `SELECT relname AS relation, pg_total_relation_size(c.oid)::float8 AS bytes FROM pg_class c
       WHERE relname IN ('sources', 'sentences', 'terms', 'postings') ORDER BY relname`,
    )
  ).rows
  const counts = (await pool.query<{sentences: number; terms: number}>('SELECT (SELECT sentence_count FROM briefcheck_state) AS sentences, (SELECT count(*) FROM terms) AS terms')).rows[0]
  await pool.query('VACUUM ANALYZE')
  await pool.end()
  const ingestion = {
    briefs: BRIEFS,
    mb: round(ingested.bytes / 1048576, 1),
    seconds: round(ingestSeconds, 1),
    mbPerSecond: round(ingested.bytes / 1048576 / ingestSeconds, 2),
    sentences: counts.sentences,
    terms: Number(counts.terms),
    databaseMb: Object.fromEntries(sizes.map((s) => [s.relation, round(s.bytes / 1048576, 1)])),
  }
  log(`ingestion: ${JSON.stringify(ingestion)}`)

  // The foreground writer's editor holds a pool of 4 (as `check --store` does); the 49 others
  // run in a worker thread of their own (bench/pg-writers.ts says why), one connection each.
  const foreground = await PostgresStore.open(url, {max: 4})
  const rng = new Rng(20261207)
  // Time the re-check spends waiting for the store (round trips), apart from the checks' own work.
  let storeMs = 0
  const prefetch = foreground.prefetch.bind(foreground)
  foreground.prefetch = async (queries, options) => {
    const t = performance.now()
    await prefetch(queries, options)
    storeMs += performance.now() - t
  }
  const engine = createEngine({store: foreground, config: DEFAULT_CONFIG})
  const uri = URI.file(join(BENCH_DIR, 'draft-5000.md')).toString()
  let text = draftText(DRAFT_WORDS, 100, 1000)
  let version = 0
  log('first check of the foreground draft (prefetches every sentence; not timed)…')
  const cold = performance.now()
  await engine.check(uri, version++, text)
  const firstCheckMs = performance.now() - cold

  const deadline = performance.now() + SECONDS * 1000
  log(`${WRITERS - 1} background writers start (pause ${PAUSE_MS} ms between edits); ${EDITS} timed edits…`)
  // A worker does not inherit `--import tsx`: the entry registers tsx's require hook itself.
  const entry = `require('tsx/cjs'); require(${JSON.stringify(join(__dirname, 'pg-writers.ts'))})`
  const writers = new Worker(entry, {eval: true, workerData: {url, writers: WRITERS - 1, pauseMs: PAUSE_MS, draftWords: DRAFT_WORDS}})
  const finished = new Promise<number[]>((resolve, reject) => {
    writers.on('message', (m: {latencies?: number[]; error?: string}) => {
      if (m.error) reject(new Error(m.error))
      if (m.latencies) resolve(m.latencies)
    })
    writers.on('error', reject)
  })
  await new Promise<void>((resolve, reject) => {
    writers.once('message', (m: {ready?: boolean; error?: string}) => (m.ready ? resolve() : reject(new Error(m.error))))
    writers.once('error', reject)
  })
  const recheck: number[] = []
  const recheckStore: number[] = []
  const hover: number[] = []
  const hoverChecked: number[] = []
  const completion: number[] = []
  const completionStore: number[] = []
  const draftSentences = sentencesOf(text)
  for (let e = 0; e < EDITS && performance.now() < deadline; e++) {
    text = editRandomFigure(text, rng)
    storeMs = 0
    const t = performance.now()
    await engine.check(uri, version++, text)
    recheck.push(performance.now() - t)
    recheckStore.push(storeMs)
    // Hover retrieval on a sentence not checked yet (the worst case: a round trip), and on a
    // checked one (what a hover on a finding costs: the view answers from memory).
    const h = performance.now()
    await foreground.candidates(editRandomFigure(draftSentences[rng.int(0, draftSentences.length - 1)], rng), 5)
    hover.push(performance.now() - h)
    const hc = performance.now()
    await foreground.candidates(draftSentences[rng.int(0, draftSentences.length - 1)], 5)
    hoverChecked.push(performance.now() - hc)
    // Key completion as the language server answers it (the view's keys in memory), and as a
    // query to the database (`listKeys`, which the CLI and the sources panel use).
    const prefix = String.fromCharCode(97 + rng.int(0, 25))
    const c = performance.now()
    listKeysOf(engine.view(), prefix, 50)
    completion.push(performance.now() - c)
    const cs = performance.now()
    await engine.keys(prefix, 50)
    completionStore.push(performance.now() - cs)
  }
  writers.postMessage('stop')
  const background = await finished
  await writers.terminate()
  await foreground.close()

  const load = {
    writers: WRITERS,
    draftWords: DRAFT_WORDS,
    firstCheckMs: round(firstCheckMs, 0),
    pauseMs: PAUSE_MS,
    recheck: {edits: recheck.length, p50: percentile(recheck, 50), p95: percentile(recheck, 95)},
    recheckWaitingForStore: {p50: percentile(recheckStore, 50), p95: percentile(recheckStore, 95)},
    hoverNewSentence: {p50: percentile(hover, 50), p95: percentile(hover, 95)},
    hoverCheckedSentence: {p50: percentile(hoverChecked, 50), p95: percentile(hoverChecked, 95)},
    completion: {p50: percentile(completion, 50), p95: percentile(completion, 95)},
    completionFromDatabase: {p50: percentile(completionStore, 50), p95: percentile(completionStore, 95)},
    backgroundEditRetrieval: {edits: background.length, p50: percentile(background, 50), p95: percentile(background, 95)},
  }
  log(`load: ${JSON.stringify(load)}`)
  const os = await import('node:os')
  const results = {date: new Date().toISOString(), cores: os.cpus().length, loadAverageAtEnd: os.loadavg().map((x) => round(x, 1)), ingestion, load}
  writeFileSync(join(BENCH_DIR, `pg-results-${BRIEFS}${PAUSE_MS > 0 ? `-pause${PAUSE_MS}` : ''}.json`), JSON.stringify(results, null, 2) + '\n')
  process.stdout.write(JSON.stringify(results, null, 2) + '\n')
}

main().catch((error) => {
  process.stderr.write(`bench:pg: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
})
