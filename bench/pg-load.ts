/**
 * The PostgreSQL store under load (issue #18): ingestion speed, then 50 simulated writers each
 * editing a 5,000-word draft against one shared store, on a server on this machine (loopback:
 * a Unix socket, see scripts/pg/with-postgres.sh). Stops by itself after `--edits` foreground
 * edits or `--seconds` of them (after the untimed first check), whichever comes first. Figures are printed and written to
 * bench/pg-results.json; they are never asserted in tests.
 *
 *   npm run bench:pg -- --briefs 10000 --writers 50
 *
 * One process cannot run 50 writers' checks in parallel on a laptop's worth of cores, and real
 * writers each check on their own machine: so one foreground writer runs the real engine
 * service (createEngine over a PostgresStore: edit, re-check, prefetch of the edited
 * sentence's queries) and is timed end to end, while the other writers each keep the database
 * busy with what their edits ask of it (the retrieval of an edited sentence), in a closed loop
 * with no pause between edits: a heavier load than 49 people typing.
 */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {URI} from 'vscode-uri'
import {DEFAULT_CONFIG} from '../server/src/engine/config'
import {createEngine} from '../server/src/engine/service'
import {openPool} from '../server/src/store/postgres/connect'
import {ingest} from '../server/src/store/postgres/ingest'
import {PostgresStore} from '../server/src/store/postgres/store'
import {BENCH_DIR, corpusDir, ensureCorpora} from './lib/corpora'
import {draftText} from './lib/generate'
import {round} from './lib/measure'
import {Rng} from './lib/prng'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

const BRIEFS = arg('briefs', 10_000)
const WRITERS = arg('writers', 50)
const EDITS = arg('edits', 60)
const SECONDS = arg('seconds', 240)
const DRAFT_WORDS = 5_000

function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))], 1)
}

/** Changes one digit of a random line holding one: a new figure, so a new query. */
function editRandomFigure(text: string, rng: Rng): string {
  const lines = text.split('\n')
  for (let tries = 0; tries < 50; tries++) {
    const i = rng.int(0, lines.length - 1)
    if (!/^[A-Z“"]/.test(lines[i])) continue
    const digits = [...lines[i].matchAll(/\d/g)]
    if (digits.length === 0) continue
    const at = digits[rng.int(0, digits.length - 1)].index!
    lines[i] = lines[i].slice(0, at) + String(rng.int(0, 9)) + lines[i].slice(at + 1)
    return lines.join('\n')
  }
  return text + `\nThe figure was ${rng.int(10, 99)} percent.\n`
}

function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/).filter((s) => /^[A-Z“"]/.test(s) && /\d/.test(s) && s.length > 40)
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
       WHERE relname IN ('sources', 'sentences', 'terms', 'sentences_tsv') ORDER BY relname`,
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

  // Writers: one store (and connection) each, as each writer's own editor would hold.
  // The foreground writer's editor holds a pool of 4 (as `check --store` does); the others 1 each.
  const stores = await Promise.all(Array.from({length: WRITERS}, (_, w) => PostgresStore.open(url, {max: w === 0 ? 4 : 1})))
  const rng = new Rng(20261207)
  // Set after the first check: the bound is on the timed phase, whatever the first check cost.
  let deadline = Number.POSITIVE_INFINITY
  const background: number[] = []
  let stop = false
  const backgroundWriter = async (w: number) => {
    const store = stores[w]
    const sentences = sentencesOf(draftText(DRAFT_WORDS, 100, 1000 + w))
    const local = new Rng(w)
    while (!stop && performance.now() < deadline) {
      const sentence = editRandomFigure(sentences[local.int(0, sentences.length - 1)], local)
      const t = performance.now()
      await store.prefetch([sentence])
      background.push(performance.now() - t)
    }
  }
  const foreground = stores[0]
  const engine = createEngine({store: foreground, config: DEFAULT_CONFIG})
  const uri = URI.file(join(BENCH_DIR, 'draft-5000.md')).toString()
  let text = draftText(DRAFT_WORDS, 100, 1000)
  let version = 0
  log('first check of the foreground draft (prefetches every sentence; not timed)…')
  const cold = performance.now()
  await engine.check(uri, version++, text)
  const firstCheckMs = performance.now() - cold

  deadline = performance.now() + SECONDS * 1000
  log(`${WRITERS - 1} background writers start; ${EDITS} timed edits…`)
  const runners = Array.from({length: WRITERS - 1}, (_, k) => backgroundWriter(k + 1))
  const recheck: number[] = []
  const hover: number[] = []
  const completion: number[] = []
  const draftSentences = sentencesOf(text)
  for (let e = 0; e < EDITS && performance.now() < deadline; e++) {
    text = editRandomFigure(text, rng)
    const t = performance.now()
    await engine.check(uri, version++, text)
    recheck.push(performance.now() - t)
    // A hover on a sentence not checked yet (the worst case: a round trip) and a key completion.
    const h = performance.now()
    await foreground.candidates(editRandomFigure(draftSentences[rng.int(0, draftSentences.length - 1)], rng), 5)
    hover.push(performance.now() - h)
    const c = performance.now()
    await engine.keys(String.fromCharCode(97 + rng.int(0, 25)), 50)
    completion.push(performance.now() - c)
  }
  stop = true
  await Promise.all(runners)
  await Promise.all(stores.map((s) => s.close()))

  const load = {
    writers: WRITERS,
    draftWords: DRAFT_WORDS,
    firstCheckMs: round(firstCheckMs, 0),
    recheck: {edits: recheck.length, p50: percentile(recheck, 50), p95: percentile(recheck, 95)},
    hover: {p50: percentile(hover, 50), p95: percentile(hover, 95)},
    completion: {p50: percentile(completion, 50), p95: percentile(completion, 95)},
    backgroundEditRetrieval: {edits: background.length, p50: percentile(background, 50), p95: percentile(background, 95)},
  }
  log(`load: ${JSON.stringify(load)}`)
  const results = {date: new Date().toISOString(), cores: (await import('node:os')).cpus().length, ingestion, load}
  writeFileSync(join(BENCH_DIR, `pg-results-${BRIEFS}.json`), JSON.stringify(results, null, 2) + '\n')
  process.stdout.write(JSON.stringify(results, null, 2) + '\n')
}

main().catch((error) => {
  process.stderr.write(`bench:pg: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
})
