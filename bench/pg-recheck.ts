/**
 * Where a re-check against the PostgreSQL store spends its time, next to the embedded index's
 * re-check of the same draft after the same edit, in the same process (issue #18's profile,
 * written up in docs/scaling.md). Reads a store `briefcheck index` already wrote (it ingests
 * the corpus first when the store is empty) and the same corpus into the embedded index.
 *
 *   BRIEFCHECK_PG_URL=postgresql://… node --import tsx bench/pg-recheck.ts --briefs 3000 --edits 100
 *   npm run bench:pg-recheck -- --briefs 3000          # the same on a throw-away server
 *
 * Two phases: the store alone, then with `--writers` background writers (bench/pg-writers.ts,
 * an edit every `--edit-every-ms` each, as in bench/pg-load.ts). In each, every edit is checked
 * by both engines, the embedded one and the PostgreSQL one in turns (which goes first
 * alternates), and each check's time is split into: waiting for the store (`prefetch`), of it
 * the statements (sent to rows parsed) and the reader's own decoding and scoring, garbage
 * collection pauses, and the rest (the engine's own re-check); and the process's CPU time per
 * check, which other load on the machine changes less than wall time. `--profile DIR` also writes a
 * CPU profile of each phase's PostgreSQL checks and prints its top functions. Figures are
 * printed, never asserted.
 */
import {Session} from 'node:inspector/promises'
import {mkdirSync, writeFileSync} from 'node:fs'
import {cpus, loadavg} from 'node:os'
import {join} from 'node:path'
import {PerformanceObserver} from 'node:perf_hooks'
import {URI} from 'vscode-uri'
import {DEFAULT_CONFIG} from '../server/src/engine/config'
import {loadCorpus} from '../server/src/engine/corpus/load'
import {createEngine, type Engine} from '../server/src/engine/service'
import {MemoryStore} from '../server/src/engine/store/memory'
import {openPool} from '../server/src/store/postgres/connect'
import {ingest} from '../server/src/store/postgres/ingest'
import {PostgresStore} from '../server/src/store/postgres/store'
import {numberArg as arg} from './lib/args'
import {BENCH_DIR, corpusDir, ensureCorpora} from './lib/corpora'
import {draftText} from './lib/generate'
import {p50p95, round} from './lib/measure'
import {Rng} from './lib/prng'
import {editRandomFigure} from './lib/pg-edits'
import {runBounded, timeStoreWaits} from './lib/pg-bench'
import {startWriterPool, type WriterPool} from './lib/pg-writer-pool'
import {readProfile} from './profile'

const BRIEFS = arg('briefs', 3_000)
const EDITS = arg('edits', 100)
const WRITERS = arg('writers', 49)
const EDIT_EVERY_MS = arg('edit-every-ms', 5_000)
const MAX_MINUTES = arg('max-minutes', 30)
/** `--embedded 0`: the PostgreSQL engine alone (its process then holds no embedded index, as in bench/pg-load.ts). */
const WITH_EMBEDDED = arg('embedded', 1) !== 0
const PROFILE_DIR = process.argv.includes('--profile') ? process.argv[process.argv.indexOf('--profile') + 1] : undefined
const DRAFT_WORDS = 5_000

const log = (s: string) => process.stderr.write(`${s}\n`)
let writers: WriterPool | undefined

/** Garbage collection pauses, by their start time, for attributing them to a check. */
const gcPauses: Array<{start: number; ms: number}> = []
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauses.push({start: entry.startTime, ms: entry.duration})
}).observe({entryTypes: ['gc']})

function gcBetween(from: number, to: number): number {
  let ms = 0
  for (const pause of gcPauses) if (pause.start >= from && pause.start < to) ms += pause.ms
  return ms
}

function percentiles(xs: number[]): {p50: number; p95: number; mean: number} {
  return {...p50p95(xs), mean: round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length), 1)}
}

interface Timed {
  total: number[]
  store: number[]
  statements: number[]
  gc: number[]
  /** This process's CPU time during the check (user and system): robust to other load on the machine, unlike wall time. */
  cpu: number[]
  roundTrips: number[]
}

const timed = (): Timed => ({total: [], store: [], statements: [], gc: [], cpu: [], roundTrips: []})

async function main(): Promise<void> {
  const url = process.env.BRIEFCHECK_PG_URL
  if (!url) throw new Error('set BRIEFCHECK_PG_URL, or run through scripts/pg/with-postgres.sh (npm run bench:pg-recheck)')
  ensureCorpora([BRIEFS], log)
  await ingestIfEmpty(url)
  let embedded: Engine | undefined
  if (WITH_EMBEDDED) {
    log(`embedded index of ${BRIEFS} briefs…`)
    const corpus = await loadCorpus([corpusDir(BRIEFS)], {baseDir: BENCH_DIR})
    embedded = createEngine({store: new MemoryStore(corpus), config: DEFAULT_CONFIG})
  }
  const store = await PostgresStore.open(url, {max: 4})
  const storeWaits = timeStoreWaits(store)
  const postgres = createEngine({store, config: DEFAULT_CONFIG})
  const uri = URI.file(join(BENCH_DIR, 'draft-5000.md')).toString()
  let text = draftText(DRAFT_WORDS, 100, 1000)
  let version = 0
  log('first check of the draft by both engines (not timed)…')
  await embedded?.check(uri, version, text)
  await postgres.check(uri, version++, text)
  const rng = new Rng(20261207)
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')

  const phase = async (name: string) => {
    const results = {embedded: timed(), postgres: timed()}
    if (PROFILE_DIR) await session.post('Profiler.start')
    const measure = async (engine: Engine, into: Timed) => {
      storeWaits.ms = 0
      // `?? 0`: the script also runs against older versions of the store, for before/after figures.
      const statementsBefore = store.statementMs ?? 0
      const tripsBefore = store.roundTrips
      const cpu = process.cpuUsage()
      const t = performance.now()
      await engine.check(uri, version, text)
      const end = performance.now()
      const used = process.cpuUsage(cpu)
      into.cpu.push((used.user + used.system) / 1000)
      into.total.push(end - t)
      into.store.push(storeWaits.ms)
      into.statements.push((store.statementMs ?? 0) - statementsBefore)
      into.roundTrips.push(store.roundTrips - tripsBefore)
      // GC entries are queued; they are attributed after the phase (see below).
      into.gc.push(t, end)
    }
    for (let e = 0; e < EDITS; e++) {
      text = editRandomFigure(text, rng)
      version++
      if (!embedded) await measure(postgres, results.postgres)
      else if (e % 2 === 0) {
        await measure(embedded, results.embedded)
        await measure(postgres, results.postgres)
      } else {
        await measure(postgres, results.postgres)
        await measure(embedded, results.embedded)
      }
    }
    if (PROFILE_DIR) {
      const {profile} = await session.post('Profiler.stop')
      mkdirSync(PROFILE_DIR, {recursive: true})
      const file = join(PROFILE_DIR, `recheck-${BRIEFS}-${name}.cpuprofile`)
      writeFileSync(file, JSON.stringify(profile))
      const summary = readProfile(file, undefined, 30)
      log(`${name}: CPU profile ${file} (${summary.totalMs} ms sampled)`)
      for (const f of summary.functions) log(`  ${f.percent.toString().padStart(5)} %  ${f.ms.toString().padStart(6)} ms  ${f.where}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
    return Object.fromEntries(
      Object.entries(results)
        .filter(([, r]) => r.total.length > 0)
        .map(([engine, r]) => {
        const gc: number[] = []
        for (let i = 0; i < r.gc.length; i += 2) gc.push(gcBetween(r.gc[i], r.gc[i + 1]))
        const own = r.total.map((t, i) => t - r.store[i] - gc[i])
        const reader = r.store.map((s, i) => s - r.statements[i])
        const trips: Record<number, number> = {}
        for (const n of r.roundTrips) trips[n] = (trips[n] ?? 0) + 1
        return [
          engine,
          {
            recheck: percentiles(r.total),
            cpu: percentiles(r.cpu),
            waitingForStore: percentiles(r.store),
            statements: percentiles(r.statements),
            readerDecodingAndScoring: percentiles(reader),
            gcPauses: percentiles(gc),
            engineOwn: percentiles(own),
            ...(engine === 'postgres' ? {roundTrips: trips} : {}),
          },
        ]
      }),
    )
  }

  log(`phase 1: the store alone, ${EDITS} edits…`)
  const alone = await phase('alone')
  log(JSON.stringify(alone))
  let withWriters: unknown
  if (WRITERS > 0) {
    writers = await startWriterPool({url, writers: WRITERS, processes: cpus().length, editEveryMs: EDIT_EVERY_MS, draftWords: DRAFT_WORDS, maxSeconds: MAX_MINUTES * 60})
    // Let every writer reach its pace (each starts at a random point of its first interval).
    await new Promise((resolve) => setTimeout(resolve, EDIT_EVERY_MS))
    log(`phase 2: with ${WRITERS} background writers, ${EDITS} edits…`)
    withWriters = await phase('writers')
    writers.stop()
    const background = await writers.finished
    log(JSON.stringify(withWriters))
    log(`background writers: ${background.length} edits, ${JSON.stringify(percentiles(background))}`)
  }
  session.disconnect()
  await store.close()
  process.stdout.write(JSON.stringify({date: new Date().toISOString(), briefs: BRIEFS, edits: EDITS, loadAverage: loadavg().map((x) => round(x, 1)), alone, withWriters}, null, 2) + '\n')
}

/** Ingests the corpus when the store has no published generation yet. */
async function ingestIfEmpty(url: string): Promise<void> {
  const pool = await openPool(url, {max: 1})
  try {
    const published = await pool
      .query<{n: number}>('SELECT sentence_count AS n FROM briefcheck_state')
      .then((r) => (r.rows[0]?.n ?? 0) > 0)
      .catch(() => false)
    if (published) return
    log(`ingesting ${BRIEFS} briefs…`)
    await ingest(pool, [corpusDir(BRIEFS)], {baseDir: BENCH_DIR})
    await pool.query('VACUUM ANALYZE')
  } finally {
    await pool.end()
  }
}

runBounded('pg-recheck', MAX_MINUTES, main, () => writers?.kill())
