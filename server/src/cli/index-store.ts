import {Option, type Command} from 'commander'
import {resolve} from 'node:path'
import type {CorpusStore} from '../engine/store/types'
import {findConfigFile, readConfigFile} from '../workspace/config-file'

/** Exit codes shared with `check`: 0 done, 2 usage or input error. */
const EXIT = {ok: 0, usage: 2}

/**
 * `briefcheck index --store postgresql://… FOLDER…`: the only command that writes to a shared
 * PostgreSQL corpus (issue #18). Adds new and changed files (by content hash), removes the
 * rows of files no longer there, in batches with progress on stderr; a killed run is resumed
 * by running it again. The store URL comes from `--store` or `"store": {"postgres": …}` in
 * briefcheck.json; the password from PGPASSWORD or ~/.pgpass.
 */
export function registerIndex(cli: Command): void {
  cli
    .command('index')
    .description('write corpus folders into a shared PostgreSQL store (readers see the result when the run finishes)')
    .argument('[folders...]', 'corpus folders, files or globs (default: "corpus" in briefcheck.json)')
    .option('--store <url>', 'postgresql://user@host/database (default: "store.postgres" in briefcheck.json)')
    .option('--config <file>', 'configuration file (default: briefcheck.json in this folder or a parent)')
    .addOption(new Option('--batch-mb <MB>', 'source text per transaction').default(4).argParser(positiveNumber))
    .option('--figures', "also write each sentence's figures to the figures table, for SQL reports (slower)")
    .option('--quiet', 'no progress lines')
    .action(async (folders: string[], options: {store?: string; config?: string; batchMb: number; figures?: boolean; quiet?: boolean}) => {
      process.exitCode = await runIndex(folders, options)
    })
}

async function runIndex(folders: string[], options: {store?: string; config?: string; batchMb: number; figures?: boolean; quiet?: boolean}): Promise<number> {
  const cwd = process.cwd()
  const loaded = readConfigFile(options.config ? resolve(options.config) : findConfigFile(cwd), cwd)
  for (const problem of loaded.problems) process.stderr.write(`briefcheck: config: ${problem}\n`)
  const url = options.store ?? loaded.config.store?.postgres
  if (!url) return fail('no store given: pass --store postgresql://… or set "store": {"postgres": "postgresql://…"} in briefcheck.json')
  const patterns = folders.length > 0 ? folders : loaded.config.corpus
  if (patterns.length === 0) return fail('no corpus folders given (pass them, or set "corpus" in briefcheck.json)')
  const baseDir = folders.length > 0 ? cwd : loaded.baseDir
  // Loaded here, not at the top: the embedded default never loads the PostgreSQL client.
  const {openPool, redact} = await import('../store/postgres/connect')
  const {ingest, INGEST_WRITERS} = await import('../store/postgres/ingest')
  let pool
  try {
    pool = await openPool(url, {max: INGEST_WRITERS, applicationName: 'briefcheck index'})
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error))
  }
  const started = performance.now()
  try {
    // No ANALYZE after publishing: readers get the same plans without statistics. Measured with
    // bench/pg-plans.ts on 10,000 briefs indexed with autovacuum off (docs/scaling.md, "Statistics
    // after ingestion"): the retrieval statement, the generation load, key completion and
    // `source` keep their plans after ANALYZE (the planner sizes unanalysed tables by their pages);
    // autovacuum, on by default, analyses a table once a tenth of it has changed.
    const result = await ingest(pool, patterns, {
      baseDir,
      batchBytes: options.batchMb * 1024 * 1024,
      figures: options.figures,
      onProgress: options.quiet
        ? undefined
        : (p) => process.stderr.write(`briefcheck: index: ${p.done}/${p.total} files, ${(p.bytes / 1048576).toFixed(1)} MB written\n`),
    })
    for (const p of result.problems) process.stderr.write(`briefcheck: corpus: ${p.path}: ${p.reason}\n`)
    const seconds = (performance.now() - started) / 1000
    const mb = result.bytes / 1048576
    process.stdout.write(
      `${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged, ${result.removed} removed; ` +
        `${mb.toFixed(1)} MB in ${seconds.toFixed(1)} s (${(mb / Math.max(seconds, 1e-3)).toFixed(2)} MB/s); generation ${result.generation}\n`,
    )
    return EXIT.ok
  } catch (error) {
    return fail(`${redact(url)}: ${error instanceof Error ? error.message : String(error)}`)
  } finally {
    await pool.end().catch(() => {})
  }
}

/**
 * Opens a PostgreSQL store for `check` (read-only use). The client is loaded only here, so a
 * check against the embedded index never loads it. Errors carry the URL without its password.
 */
export async function openSharedStore(url: string): Promise<{store: CorpusStore; close: () => Promise<void>}> {
  const {redact} = await import('../store/postgres/connect')
  const {PostgresStore} = await import('../store/postgres/store')
  try {
    const store = await PostgresStore.open(url, {max: 4, applicationName: 'briefcheck check'})
    return {store, close: () => store.close()}
  } catch (error) {
    throw new Error(`${redact(url)}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

function fail(message: string): number {
  process.stderr.write(`briefcheck: ${message}\n`)
  return EXIT.usage
}

function positiveNumber(value: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) throw new Error(`not a positive number: ${value}`)
  return n
}
