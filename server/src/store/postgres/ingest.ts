import type {Pool, PoolClient} from 'pg'
import {statSync} from 'node:fs'
import type {BibEntry} from '../../engine/corpus/bibliography'
import {sortByPath, type ParsedSource} from '../../engine/corpus/corpus'
import {sentenceCount} from '../../engine/corpus/parsed-source'
import {documentFormat, isCapturedOriginal} from '../../engine/corpus/formats/index'
import {DEFAULT_MAX_FILE_BYTES, findCorpusFiles} from '../../engine/corpus/load'
import type {HashedOutcome} from '../../engine/corpus/parse-job'
import {defaultWorkerCount, parsePool} from '../../engine/corpus/parse-pool'
import type {CorpusProblem} from '../../engine/corpus/types'
import {CopyBinary, copyRows} from './copy'
import {POSTINGS_COPY, PostingsBuilder} from './postings'
import {publish} from './publish'
import {appendSource, emptyFigureColumns, figureParams, INSERT_FIGURES, SENTENCE_COPY, sourceTerms} from './rows'
import {ensureSchema} from './schema'
import {INGEST_WRITERS, WriteLanes} from './write-lanes'


export {INGEST_WRITERS} from './write-lanes'

/** Progress of an ingestion run, reported after each committed batch. */
export interface IngestProgress {
  /** Files looked at so far (unchanged ones included). */
  done: number
  total: number
  /** Bytes of new or changed files written so far. */
  bytes: number
}

/** How `ingest` reads the files and writes its batches. */
export interface IngestOptions {
  /** Folder relative patterns are taken from. */
  baseDir: string
  maxFileBytes?: number
  /** Bytes of source files per transaction (default 4 MB). */
  batchBytes?: number
  onProgress?: (progress: IngestProgress) => void
  /** Also write each sentence's figures to the `figures` table (for SQL reports; slower). */
  figures?: boolean
  /** Parse workers (default: every core). */
  workers?: number
  /** Connections writing batches at once (default `INGEST_WRITERS`, at most the pool's `max`): write-lanes.ts says why. */
  writers?: number
}

/** What one run did: counts by kind of change, the problems met, and the published generation. */
export interface IngestResult {
  added: number
  updated: number
  unchanged: number
  removed: number
  problems: CorpusProblem[]
  /** Bytes of the files parsed and written in this run. */
  bytes: number
  sentences: number
  generation: number
  /** Where the run's wall time went (ms), for the benchmark's profile (bench/pg-load.ts). */
  phases: IngestPhases
}

/**
 * Wall time of an ingestion run by phase, in ms. Parsing and batch writes overlap (the database
 * writes batches on two connections while the workers parse the next), so `parse` + `drain` +
 * `publish` + `scan` make the run, and `write` / `build` say how much the batches took (summed
 * over the connections, so `write` can exceed the run).
 */
export interface IngestPhases {
  /** Listing the files and reading the store's known hashes. */
  scan: number
  /** From the first file read to the last file parsed. */
  parse: number
  /** Waiting, after the last parse, for the last batches to commit. */
  drain: number
  publish: number
  /** Sum of the batch transactions' times (overlapping the parse). */
  write: number
  /** Main-thread time spent building the batches' rows (part of `write`). */
  build: number
  /** Time the handing out of files waited for the database (a batch queued per connection, plus one): the parse may starve then. */
  held: number
}

/** A file parsed and waiting for its batch's transaction. */
type Pending = {kind: 'source'; path: string; hash: string; bytes: number; parsed: ParsedSource} | {kind: 'bibliography'; path: string; hash: string; entries: BibEntry[]}

/**
 * `briefcheck index --store`: brings the store in line with the files the patterns name.
 *
 * New and changed files (by content hash) are parsed and written in batches, one transaction
 * per batch, as unpublished rows; a file already written with the same hash, by this run or
 * by an earlier one that was killed, is skipped, so a re-run resumes where the kill struck
 * without duplicates. The run ends with `publish`, which makes the new state visible to
 * readers in one transaction (removed files leave the store there).
 */
export async function ingest(pool: Pool, patterns: string[], options: IngestOptions): Promise<IngestResult> {
  const client = await pool.connect()
  const writers = [client]
  let lanes: WriteLanes<{items: Pending[]; done: number}> | undefined
  try {
    const phases: IngestPhases = {scan: 0, parse: 0, drain: 0, publish: 0, write: 0, build: 0, held: 0}
    let mark = performance.now()
    const lap = (): number => {
      const now = performance.now()
      const ms = now - mark
      mark = now
      return ms
    }
    await ensureSchema(client)
    const found = await findCorpusFiles(patterns, options.baseDir)
    const problems: CorpusProblem[] = [...found.problems]
    const files = found.files.filter((f) => !(documentFormat(f) && isCapturedOriginal(f)))
    const known = await knownFiles(client)
    const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
    const batchBytes = options.batchBytes ?? 4 * 1024 * 1024
    const current: Array<{path: string; hash: string}> = []
    const result: IngestResult = {added: 0, updated: 0, unchanged: 0, removed: 0, problems, bytes: 0, sentences: 0, generation: 0, phases}
    // Files are read, hashed and (when new or changed) parsed in the parse workers (every core:
    // `index` runs beside no editor) while the database writes the previous batches.
    const workers = parsePool(options.workers ?? defaultWorkerCount(false))
    let batch: Pending[] = []
    let size = 0
    let written = 0
    let reported = 0
    const lanesWanted = Math.max(1, Math.min(options.writers ?? INGEST_WRITERS, pool.options.max ?? 10))
    while (writers.length < lanesWanted) writers.push(await pool.connect())
    const writing = new WriteLanes<{items: Pending[]; done: number}>(writers, async (writer, {items, done}) => {
      const started = performance.now()
      phases.build += await writeBatch(writer, items, options.figures ?? false)
      phases.write += performance.now() - started
      for (const item of items) if (item.kind === 'source') written += item.bytes
      // Batches on two connections may commit out of order: progress never goes back.
      reported = Math.max(reported, done)
      options.onProgress?.({done: reported, total: files.length, bytes: written})
    })
    lanes = writing
    const flush = (done: number) => {
      const items = batch
      batch = []
      size = 0
      if (items.length > 0) writing.submit({items, done})
    }
    const accept = (outcome: HashedOutcome, path: string, done: number) => {
      if ('problem' in outcome) {
        // Not current: a file that cannot be read or parsed now leaves the store at publish.
        problems.push(outcome.problem)
        return
      }
      if ('unchanged' in outcome) {
        result.unchanged++
        current.push({path, hash: outcome.unchanged})
        return
      }
      current.push({path, hash: outcome.fileHash})
      if ('parsed' in outcome) {
        if ((known.get(path)?.size ?? 0) > 0) result.updated++
        else result.added++
        result.bytes += outcome.fileBytes
        result.sentences += sentenceCount(outcome.parsed)
        size += outcome.fileBytes
        batch.push({kind: 'source', path, hash: outcome.fileHash, bytes: outcome.fileBytes, parsed: outcome.parsed})
      } else batch.push({kind: 'bibliography', path, hash: outcome.fileHash, entries: outcome.bibliography})
      if (size >= batchBytes) flush(done)
    }
    // Files go to the workers in path order and their outcomes join batches in that order, though
    // the two workers finish them out of it: each batch then covers its own stretch of the paths,
    // so a term's postings rows never overlap and readers decode them in order with no sort
    // (postings.ts `decodePostings`; merging the rows of interleaved batches cost a reader 100 ms
    // for the commonest term at 100,000 briefs).
    const ordered = sortByPath(files.map((path) => ({path}))).map((f) => f.path)
    const arrived = new Map<number, HashedOutcome>()
    let accepted = 0
    // The first error accepting a file (a batch write failed): no file is accepted after it.
    let failure: {error: unknown} | undefined
    const arrive = (i: number, outcome: HashedOutcome) => {
      arrived.set(i, outcome)
      for (let next = arrived.get(accepted); next !== undefined && !failure; next = arrived.get(accepted)) {
        arrived.delete(accepted)
        try {
          accept(next, ordered[accepted], accepted + 1)
        } catch (error) {
          failure = {error}
          return
        }
        accepted++
      }
    }
    const inFlight = new Set<Promise<void>>()
    phases.scan = lap()
    for (let i = 0; i < ordered.length; i++) {
      const path = ordered[i]
      const hashes = known.get(path)
      // Bounded memory: at most IN_FLIGHT files parsed or parsing ahead of the next to join a
      // batch, and at most one batch per connection, plus one, waiting for the database.
      while (i - accepted >= IN_FLIGHT && !failure) await Promise.race(inFlight)
      if (failure) break
      if (writing.pending >= writers.length + 1) {
        const waiting = performance.now()
        await writing.whileAtLeast(writers.length + 1)
        phases.held += performance.now() - waiting
      }
      const next: Promise<void> = workers
        .parseHashed({path, maxBytes: max, size: sizeOf(path), knownHashes: hashes ? [...hashes] : []})
        .then((outcome) => arrive(i, outcome))
        .finally(() => inFlight.delete(next))
      inFlight.add(next)
    }
    await Promise.all(inFlight)
    if (failure) throw failure.error
    phases.parse = lap()
    flush(files.length)
    await writing.drain()
    phases.drain = lap()
    const published = await publish(client, current, problems)
    result.removed = published.removed
    result.generation = published.generation
    phases.publish = lap()
    return result
  } finally {
    // A failed run still lets the other connections finish (or fail) their batch before release.
    await lanes?.drain().catch(() => {})
    for (const writer of writers) writer.release()
  }
}

/**
 * Files handed to the parse workers at once: enough for both workers' queues of small files
 * (parse-pool.ts, `MAX_JOBS_AHEAD`) and for the results that wait while this thread builds a
 * batch's rows.
 */
const IN_FLIGHT = 256

/** A file's size for the pool's queues and deadline (one system call: no await per file); undefined if it cannot be read now (the worker then says why). */
function sizeOf(path: string): number | undefined {
  try {
    return statSync(path, {throwIfNoEntry: false})?.size
  } catch {
    return undefined
  }
}

/** Paths and content hashes already in the store, published or written by an unfinished run. */
async function knownFiles(client: PoolClient): Promise<Map<string, Set<string>>> {
  const known = new Map<string, Set<string>>()
  const add = (path: string, hash: string) => {
    let set = known.get(path)
    if (!set) known.set(path, (set = new Set()))
    set.add(hash)
  }
  for (const row of (await client.query<{path: string; hash: string}>('SELECT path, hash FROM sources')).rows) add(row.path, row.hash)
  for (const row of (await client.query<{path: string; hash: string}>('SELECT path, hash FROM bibliographies')).rows) add(row.path, row.hash)
  return known
}

/**
 * Writes one batch of parsed files in one transaction: all of it or none. Returns the ms spent
 * building its rows on this thread.
 *
 * The batch commits with `synchronous_commit = off` (PostgreSQL's bulk-loading advice): the
 * server acknowledges the COMMIT before its WAL reaches the disk. That is safe here because a
 * batch's rows are unpublished until `publish`, which commits synchronously: a server crash
 * can lose only the last acknowledged batches, whose files are then found missing by their
 * content hash and written again by the next run, and never leaves half a batch (the WAL
 * replays whole transactions or none). Once publish's COMMIT returns, the WAL is flushed up to
 * it, so every batch it publishes is on disk too.
 */
async function writeBatch(client: PoolClient, items: Pending[], withFigures: boolean): Promise<number> {
  let build = 0
  if (items.length === 0) return build
  await client.query('BEGIN')
  try {
    await client.query('SET LOCAL synchronous_commit = off')
    // In path order, as `ingest` accepts files: the order `publish` numbers sources in, so each
    // postings row is sorted by sentence id (readers rely on it: postings-order.ts).
    const sources = items.filter((i): i is Extract<Pending, {kind: 'source'}> => i.kind === 'source')
    if (sources.length > 0) {
      let started = performance.now()
      const statistics = sources.map((s) => sourceTerms(s.parsed))
      build += performance.now() - started
      const inserted = await client.query<{id: number; path: string; batch: number}>(
        `INSERT INTO sources (path, hash, parsed_meta, warnings, sentence_count, bytes, batch, terms, dfs, length_sum)
         SELECT path, hash, meta::jsonb, coalesce(string_to_array(warnings, E'\\x1f'), '{}'), n, b, (SELECT nextval('ingestion_batches')),
                t, d, l
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::bigint[], $7::text[], $8::text[], $9::bigint[]) AS u(path, hash, meta, warnings, n, b, t, d, l)
         RETURNING id, path, batch`,
        [
          sources.map((s) => s.path),
          sources.map((s) => s.hash),
          sources.map((s) => JSON.stringify(s.parsed.meta)),
          sources.map((s) => (s.parsed.warnings.length > 0 ? s.parsed.warnings.join('\x1f') : null)),
          sources.map((s) => sentenceCount(s.parsed)),
          sources.map((s) => s.bytes),
          statistics.map((t) => t.terms),
          statistics.map((t) => t.dfs),
          statistics.map((t) => t.lengthSum),
        ],
      )
      // A batch holds each path once, so the path names the row.
      const idOf = new Map(inserted.rows.map((row) => [row.path, row.id]))
      const batch = inserted.rows[0].batch
      started = performance.now()
      const sentences = new CopyBinary()
      const figures = withFigures ? emptyFigureColumns() : undefined
      const postings = new PostingsBuilder()
      for (const s of sources) {
        appendSource(idOf.get(s.path)!, s.parsed, sentences, figures)
        postings.add(idOf.get(s.path)!, s.parsed)
      }
      const postingRows = postings.finish(batch)
      build += performance.now() - started
      await copyRows(client, SENTENCE_COPY, sentences)
      await copyRows(client, POSTINGS_COPY, postingRows)
      if (figures && figures.ord.length > 0) await client.query(INSERT_FIGURES, figureParams(figures))
    }
    for (const bib of items) {
      if (bib.kind !== 'bibliography') continue
      await client.query(
        'INSERT INTO bibliographies (path, hash, entries) VALUES ($1, $2, $3::jsonb) ON CONFLICT (path) DO UPDATE SET hash = excluded.hash, entries = excluded.entries',
        [bib.path, bib.hash, JSON.stringify(bib.entries)],
      )
    }
    await client.query('COMMIT')
    return build
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  }
}
