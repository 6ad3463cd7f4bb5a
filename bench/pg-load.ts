/**
 * The PostgreSQL store under load (issue #18): ingestion speed, then 50 writers each editing a
 * 5,000-word draft against one shared store, on a server on this machine (loopback: a Unix
 * socket, see scripts/pg/with-postgres.sh). Every phase is bounded: ingestion by the corpus
 * size, the first check by the draft, the edits by `--edits` and `--seconds`, and the whole run
 * by `--max-minutes` (it stops itself and its writer processes past it). Figures are printed
 * and written to bench/pg-results-N.json; they are never asserted in tests.
 *
 *   npm run bench:pg -- --briefs 10000                 # 50 writers, one edit every 5 s each, 600 timed edits or 120 s
 *   npm run bench:pg -- --briefs 100000 --writers replay   # the 49 background writers send recorded statements only
 *   BRIEFCHECK_PG_DATA_DIR=/tmp/pg-100k npm run bench:pg -- --briefs 100000   # keep the ingested store for the next run
 *   npm run bench:pg -- --briefs 10000 --edit-every-ms 0   # closed loop: no pause at all
 *   npm run bench:pg -- --briefs 100000 --ingest-only
 *   npm run bench:pg -- --briefs 10000 --ingest-only --batch-mb 16   # transaction size, as index --batch-mb
 *   npm run bench:pg -- --briefs 10000 --ingest-only --ingest-writers 1   # batches written on one connection
 *
 * The writers: one foreground writer runs the real engine service (createEngine over a
 * PostgresStore: edit, re-check, prefetch of what the edited sentence asks) in this process and
 * is timed end to end, editing again as soon as a re-check ends, for up to `--edits` edits or `--seconds` (the window, printed). The other 49 run in
 * `--writer-processes` child processes (bench/pg-writers.ts, which says what they do), each
 * editing once every `--edit-every-ms` (default 5,000: a person changing a figure, reading the
 * findings, moving on; 50 writers make 10 edits a second against the server). With `--writers
 * replay` the 49 send statements recorded from a few real writers just before the window
 * (bench/lib/pg-replay.ts): the server's load without 49 readers' client work on this machine.
 * The CPU seconds of the server (by application) and of the writer processes over the window are
 * printed with the figures.
 */
import {renameSync, writeFileSync} from 'node:fs'
import {cpus, loadavg} from 'node:os'
import type {Pool} from 'pg'
import {join} from 'node:path'
import {URI} from 'vscode-uri'
import {DEFAULT_CONFIG} from '../server/src/engine/config'
import {createEngine} from '../server/src/engine/service'
import {listKeysOf} from '../server/src/engine/store/memory'
import {openPool} from '../server/src/store/postgres/connect'
import {ingest, INGEST_WRITERS} from '../server/src/store/postgres/ingest'
import {PostgresStore} from '../server/src/store/postgres/store'
import {numberArg as arg} from './lib/args'
import {BENCH_DIR, corpusDir, ensureCorpora} from './lib/corpora'
import {pidCpu, processCpu, serverCpu} from './lib/cpu'
import {draftText} from './lib/generate'
import {histogram, p50p95, round} from './lib/measure'
import {Rng} from './lib/prng'
import {editRandomFigure, sentencesOf} from './lib/pg-edits'
import {postmasterPid, runBounded, serverCpuBetween, serverCpuSnapshot, timeStoreWaits} from './lib/pg-bench'
import {recordingFile, recordWriters} from './lib/pg-replay'
import {startWriterPool, type WriterPool} from './lib/pg-writer-pool'

const BRIEFS = arg('briefs', 10_000)
/**
 * `--writers N` (default 50), or `--writers replay`: 50 writers whose 49 background ones send
 * statements recorded from real writers instead of running the real reader (bench/lib/pg-replay.ts
 * says why: at 100,000 briefs 49 real readers' client work saturates this machine). `--writers
 * real` is the default. `--writer-count N` sets the number with either mode.
 */
const WRITERS_ARG = process.argv[process.argv.indexOf('--writers') + 1]
const REPLAY = process.argv.includes('--writers') && WRITERS_ARG === 'replay'
const WRITERS = process.argv.includes('--writers') && /^\d+$/.test(WRITERS_ARG ?? '') ? Number(WRITERS_ARG) : arg('writer-count', 50)
if (process.argv.includes('--writers') && !REPLAY && WRITERS_ARG !== 'real' && !/^\d+$/.test(WRITERS_ARG ?? '')) throw new Error(`--writers takes a number, real or replay, not ${WRITERS_ARG}`)
/** Replay: real writers recorded first (each a cold check of its own draft, then its edits), and edits recorded each. */
const RECORD_WRITERS = arg('record-writers', 4)
/**
 * The timed window: up to `--edits` foreground edits or `--seconds`, whichever ends first. Long
 * enough by default (600 edits: 30-40 s on the quiet machine at 10,000 briefs) for the background
 * writers, who start at random points of their first `--edit-every-ms`, to edit at their full
 * pace for most of it; a 60-edit window (the first default) ended after a few seconds, before they did.
 */
const EDITS = arg('edits', 600)
const SECONDS = arg('seconds', 120)
/** Each background writer's pace: one edit every this many ms (0: a closed loop). */
const EDIT_EVERY_MS = arg('edit-every-ms', 5_000)
const WRITER_PROCESSES = Math.max(1, Math.min(arg('writer-processes', cpus().length), WRITERS - 1))
/** Enough recorded edits for a writer to replay the longest window without repeating one (a writer wraps round its list past them). */
const RECORD_EDITS = arg('record-edits', EDIT_EVERY_MS > 0 ? Math.min(40, Math.ceil((SECONDS * 1000) / EDIT_EVERY_MS) + 1) : 40)
const MAX_MINUTES = arg('max-minutes', 40)
const INGEST_ONLY = process.argv.includes('--ingest-only')
/** Source text per ingestion transaction, as `briefcheck index --batch-mb`. */
const BATCH_MB = arg('batch-mb', 4)
/** Connections writing ingestion batches at once, as `ingest`'s `writers` (store/postgres/write-lanes.ts). */
const INGEST_CONNECTIONS = arg('ingest-writers', INGEST_WRITERS)
const DRAFT_WORDS = 5_000

function percentiles(xs: number[]): {n: number; p50: number; p95: number} {
  return {n: xs.length, ...p50p95(xs)}
}

const log = (s: string) => process.stderr.write(`${s}\n`)
let writers: WriterPool | undefined

async function main(): Promise<void> {
  const url = process.env.BRIEFCHECK_PG_URL
  if (!url) throw new Error('run through scripts/pg/with-postgres.sh (npm run bench:pg)')
  const started = new Date().toISOString()
  const manifest = ensureCorpora([BRIEFS], log).get(BRIEFS)!
  const ingestion = await measureIngestion(url, manifest.bytes)
  const results: Record<string, unknown> = {date: started, cores: cpus().length, loadAverageAtStart: loadavg().map((x) => round(x, 1)), ingestion}
  if (!INGEST_ONLY) results.load = await measureWriters(url)
  results.loadAverageAtEnd = loadavg().map((x) => round(x, 1))
  const file = join(BENCH_DIR, `pg-results-${BRIEFS}${INGEST_ONLY ? '-ingest' : ''}.json`)
  // Written whole, then renamed: a concurrent run never reads half a file.
  writeFileSync(`${file}.${process.pid}`, JSON.stringify(results, null, 2) + '\n')
  renameSync(`${file}.${process.pid}`, file)
  process.stdout.write(JSON.stringify(results, null, 2) + '\n')
  log(`written to ${file}`)
}

/**
 * The whole corpus into an empty store: rate, sizes, counts, and where the time went: wall time
 * by phase (IngestResult.phases) and CPU seconds of the parse workers, of this process's main
 * thread, of the PostgreSQL backend that ingested and of the whole server (WAL writer,
 * checkpointer… included). CPU seconds compare runs on a loaded machine; wall time does not.
 */
async function measureIngestion(url: string, bytes: number) {
  const pool = await openPool(url, {max: INGEST_CONNECTIONS})
  try {
    log(`ingesting ${BRIEFS} briefs (${(bytes / 1048576).toFixed(1)} MB)…`)
    // The pool's first client, reused by ingest: the backend of its first writing connection.
    const backend = (await pool.query<{pid: number}>('SELECT pg_backend_pid() AS pid')).rows[0].pid
    const postmaster = await postmasterPid(pool)
    // A cluster kept by BRIEFCHECK_PG_DATA_DIR (scripts/pg/with-postgres.sh) may hold this corpus
    // already: the run below is then incremental (every file hashed, nothing written if nothing
    // changed), which checks the store against the corpus but measures no ingestion rate.
    const reused = await storedGeneration(pool)
    if (reused > 0) log(`the store holds generation ${reused} already: an incremental run, no ingestion rate measured`)
    const cpu0 = {...processCpu(), backend: pidCpu(backend), server: serverCpu(postmaster)}
    const t0 = performance.now()
    let said = 0
    const ingested = await ingest(pool, [corpusDir(BRIEFS)], {
      baseDir: BENCH_DIR,
      batchBytes: BATCH_MB * 1024 * 1024,
      writers: INGEST_CONNECTIONS,
      onProgress: (p) => {
        if (p.done - said < p.total / 20 && p.done < p.total) return
        said = p.done
        log(`  ${p.done}/${p.total} files, ${((performance.now() - t0) / 1000).toFixed(0)} s`)
      },
    })
    const seconds = (performance.now() - t0) / 1000
    const after = {...processCpu(), backend: pidCpu(backend), server: serverCpu(postmaster)}
    const sameBackend = (await pool.query<{pid: number}>('SELECT pg_backend_pid() AS pid')).rows[0].pid === backend
    const cpuSeconds = {
      parseWorkers: round(after.others - cpu0.others, 1),
      mainThread: round(after.main - cpu0.main, 1),
      postgresBackend: sameBackend ? round(after.backend - cpu0.backend, 1) : null,
      postgresServer: round(after.server - cpu0.server, 1),
    }
    const phases = Object.fromEntries(Object.entries(ingested.phases).map(([k, ms]) => [k, round(ms / 1000, 1)]))
    const sizes = (
      await pool.query<{relation: string; bytes: number}>(
        `SELECT relname AS relation, pg_total_relation_size(c.oid)::float8 AS bytes FROM pg_class c
         WHERE relname IN ('sources', 'sentences', 'terms', 'postings') ORDER BY relname`,
      )
    ).rows
    const counts = (await pool.query<{sentences: number; terms: number}>('SELECT (SELECT sentence_count FROM briefcheck_state) AS sentences, (SELECT count(*) FROM terms) AS terms')).rows[0]
    await pool.query('VACUUM ANALYZE')
    const result = {
      briefs: BRIEFS,
      ...(reused > 0 ? {reusedStore: {generation: reused, added: ingested.added, updated: ingested.updated, removed: ingested.removed}} : {}),
      batchMb: BATCH_MB,
      ingestWriters: INGEST_CONNECTIONS,
      mb: round(ingested.bytes / 1048576, 1),
      seconds: round(seconds, 1),
      mbPerSecond: round(ingested.bytes / 1048576 / seconds, 2),
      /** Wall seconds by phase: parse, drain and publish follow each other; write and build overlap parse. */
      phaseSeconds: phases,
      /** parseWorkers: this process's threads but the main one; postgresServer includes postgresBackend. */
      cpuSeconds,
      sentences: counts.sentences,
      terms: Number(counts.terms),
      databaseMb: Object.fromEntries(sizes.map((s) => [s.relation, round(s.bytes / 1048576, 1)])),
    }
    log(`ingestion: ${JSON.stringify(result)}`)
    return result
  } finally {
    await pool.end()
  }
}

/** The published generation of the store `pool` reaches, or 0 when it holds none (an empty database). */
async function storedGeneration(pool: Pool): Promise<number> {
  const found = await pool.query<{generation: number}>('SELECT generation FROM briefcheck_state').catch(() => undefined)
  return found?.rows[0]?.generation ?? 0
}

/** The foreground writer, timed, while the background writers edit at their pace. */
async function measureWriters(url: string) {
  // The foreground writer's editor holds a pool of 4, as `check --store` does.
  const foreground = await PostgresStore.open(url, {max: 4})
  const rng = new Rng(20261207)
  const storeWaits = timeStoreWaits(foreground)
  const engine = createEngine({store: foreground, config: DEFAULT_CONFIG})
  const uri = URI.file(join(BENCH_DIR, 'draft-5000.md')).toString()
  let text = draftText(DRAFT_WORDS, 100, 1000)
  let version = 0
  log('first check of the foreground draft (prefetches every sentence; not timed)…')
  const cold = performance.now()
  await engine.check(uri, version++, text)
  const firstCheckMs = performance.now() - cold

  let recorded: Awaited<ReturnType<typeof recordWriters>> | undefined
  const replay = REPLAY ? recordingFile(BENCH_DIR, BRIEFS) : undefined
  if (replay) {
    log(`recording ${RECORD_WRITERS} real writers (each its own store: a cold check, then ${RECORD_EDITS} edits; not timed)…`)
    recorded = await recordWriters({url, writers: RECORD_WRITERS, edits: RECORD_EDITS, draftWords: DRAFT_WORDS, benchDir: BENCH_DIR, file: replay, log})
    log(`recorded: ${JSON.stringify(recorded)}`)
  }
  log(`${WRITERS - 1} ${replay ? 'replaying' : 'real'} background writers in ${WRITER_PROCESSES} processes (${EDIT_EVERY_MS > 0 ? `an edit every ${EDIT_EVERY_MS} ms each` : 'closed loop'}); window: up to ${EDITS} timed edits or ${SECONDS} s…`)
  writers = await startWriterPool({url, writers: WRITERS - 1, processes: WRITER_PROCESSES, editEveryMs: EDIT_EVERY_MS, draftWords: DRAFT_WORDS, maxSeconds: SECONDS + 120, ...(replay ? {replay} : {})})
  // CPU over the window: the server's (by /proc) and this process's, and the writer processes'.
  const monitor = await openPool(url, {max: 1, applicationName: 'briefcheck-bench-monitor'})
  const postmaster = await postmasterPid(monitor)
  const writerPids = writers.pids
  const cpuAt = async () => ({server: await serverCpuSnapshot(monitor, postmaster), bench: processCpu(), writers: writerPids.map(pidCpu)})
  const cpuStart = await cpuAt()
  const windowStart = performance.now()
  const deadline = windowStart + SECONDS * 1000
  const recheck: number[] = []
  const recheckStore: number[] = []
  const recheckRoundTrips: number[] = []
  const hover: number[] = []
  const hoverRoundTrips: number[] = []
  const hoverChecked: number[] = []
  const completion: number[] = []
  const completionStore: number[] = []
  const draftSentences = sentencesOf(text)
  for (let e = 0; e < EDITS && performance.now() < deadline; e++) {
    text = editRandomFigure(text, rng)
    storeWaits.ms = 0
    let trips = foreground.roundTrips
    const t = performance.now()
    await engine.check(uri, version++, text)
    recheck.push(performance.now() - t)
    recheckStore.push(storeWaits.ms)
    recheckRoundTrips.push(foreground.roundTrips - trips)
    // Hover retrieval on a sentence not checked yet (the worst case: a round trip), and on a
    // checked one (what a hover on a finding costs: the view answers from memory).
    trips = foreground.roundTrips
    const h = performance.now()
    await foreground.candidates(editRandomFigure(draftSentences[rng.int(0, draftSentences.length - 1)], rng), 5)
    hover.push(performance.now() - h)
    hoverRoundTrips.push(foreground.roundTrips - trips)
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
  const cpuEnd = await cpuAt()
  writers.stop()
  // The background writers' rate is over the window they ran in (the timed edits usually end
  // well before --seconds).
  const windowSeconds = (performance.now() - windowStart) / 1000
  const background = await writers.finished
  const backgroundStatements = await writers.statements
  await monitor.end()
  const perSecond = (x: number) => round(x / Math.max(0.001, windowSeconds), 2)
  const serverWindow = serverCpuBetween(cpuStart.server, cpuEnd.server)
  const cpu = {
    /** CPU seconds a second of the window: the whole PostgreSQL server, and its backends by the application that opened them. */
    serverPerSecond: perSecond(serverWindow.server),
    backendsPerSecond: Object.fromEntries(Object.entries(serverWindow.backendsByApplication).map(([app, s]) => [app, perSecond(s)])),
    benchProcessPerSecond: perSecond(cpuEnd.bench.main + cpuEnd.bench.others - cpuStart.bench.main - cpuStart.bench.others),
    writerProcessesPerSecond: perSecond(cpuEnd.writers.reduce((a, b) => a + b, 0) - cpuStart.writers.reduce((a, b) => a + b, 0)),
    serverSeconds: serverWindow.server,
  }
  log(`window: ${recheck.length} timed edits in ${windowSeconds.toFixed(1)} s; ${background.length} background edits (${(background.length / Math.max(0.001, windowSeconds)).toFixed(1)} a second)`)
  await foreground.close()
  const load = {
    writers: WRITERS,
    backgroundWriters: replay ? 'replay' : 'real',
    writerProcesses: WRITER_PROCESSES,
    draftWords: DRAFT_WORDS,
    backgroundEditEveryMs: EDIT_EVERY_MS,
    window: {edits: recheck.length, seconds: round(windowSeconds, 1), maxEdits: EDITS, maxSeconds: SECONDS},
    firstCheckMs: round(firstCheckMs, 0),
    foregroundRecheck: percentiles(recheck),
    foregroundRecheckWaitingForStore: percentiles(recheckStore),
    foregroundRecheckRoundTrips: histogram(recheckRoundTrips),
    hoverNeverChecked: percentiles(hover),
    hoverNeverCheckedRoundTrips: histogram(hoverRoundTrips),
    hoverChecked: percentiles(hoverChecked),
    completion: percentiles(completion),
    completionFromDatabase: percentiles(completionStore),
    backgroundEditRetrieval: {...percentiles(background), perSecond: round(background.length / Math.max(0.001, windowSeconds), 1), windowSeconds: round(windowSeconds, 1)},
    allWritersStoreAnswer: percentiles([...recheckStore, ...background]),
    ...(recorded
      ? {
          recorded,
          backgroundStatements: {
            ...percentiles(backgroundStatements),
            perSecond: perSecond(backgroundStatements.length),
            // What the writers ask: each edit's mean statements, at their pace.
            askedPerSecond: EDIT_EVERY_MS > 0 ? round(((WRITERS - 1) * recorded.meanStatementsPerEdit * 1000) / EDIT_EVERY_MS, 2) : null,
          },
        }
      : {}),
    cpu,
    loadAverage: loadavg().map((x) => round(x, 1)),
  }
  log(`load: ${JSON.stringify(load)}`)
  return load
}

runBounded('bench:pg', MAX_MINUTES, main, () => writers?.kill())
