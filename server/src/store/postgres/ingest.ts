import type {Pool, PoolClient} from 'pg'
import {readFile, stat} from 'node:fs/promises'
import type {BibEntry} from '../../engine/corpus/bibliography'
import {contentHash, type ParsedSource} from '../../engine/corpus/corpus'
import {sentenceCount} from '../../engine/corpus/parsed-source'
import {documentFormat, isCapturedOriginal} from '../../engine/corpus/formats/index'
import {DEFAULT_MAX_FILE_BYTES, findCorpusFiles} from '../../engine/corpus/load'
import type {ParseOutcome} from '../../engine/corpus/parse-job'
import {defaultWorkerCount, parsePool} from '../../engine/corpus/parse-pool'
import type {CorpusProblem} from '../../engine/corpus/types'
import {CopyBinary, copyRows} from './copy'
import {POSTINGS_COPY, PostingsBuilder} from './postings'
import {publish} from './publish'
import {appendSource, emptyFigureColumns, figureParams, INSERT_FIGURES, SENTENCE_COPY, sourceTerms} from './rows'
import {ensureSchema} from './schema'


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
 * writes one batch while the workers parse the next), so `parse` + `drain` + `publish` + `scan`
 * make the run, and `write` / `build` say how much of it the batches took.
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
  /** Time the reading of files waited for the database (two batches queued): the parse may starve then. */
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
    const failed = new Set<string>()
    const result: IngestResult = {added: 0, updated: 0, unchanged: 0, removed: 0, problems, bytes: 0, sentences: 0, generation: 0, phases}
    // Files are parsed in the parse workers (every core: `index` runs beside no editor) while
    // this thread hashes the next files and the database writes the previous batch.
    const workers = parsePool(options.workers ?? defaultWorkerCount(false))
    let batch: Pending[] = []
    let size = 0
    let written = 0
    let queued = 0
    let writing: Promise<void> = Promise.resolve()
    const flush = (done: number) => {
      const items = batch
      batch = []
      size = 0
      if (items.length === 0) return
      queued++
      writing = writing.then(async () => {
        const started = performance.now()
        phases.build += await writeBatch(client, items, options.figures ?? false)
        phases.write += performance.now() - started
        queued--
        for (const item of items) if (item.kind === 'source') written += item.bytes
        options.onProgress?.({done, total: files.length, bytes: written})
      })
    }
    const accept = (pending: Pending | CorpusProblem, hadOther: boolean, done: number) => {
      if ('reason' in pending) {
        problems.push(pending)
        failed.add(pending.path)
        return
      }
      if (pending.kind === 'source') {
        if (hadOther) result.updated++
        else result.added++
        result.bytes += pending.bytes
        result.sentences += sentenceCount(pending.parsed)
        size += pending.bytes
      }
      batch.push(pending)
      if (size >= batchBytes) flush(done)
    }
    const inFlight = new Set<Promise<void>>()
    phases.scan = lap()
    for (let i = 0; i < files.length; i++) {
      const path = files[i]
      const read = await readBytes(path, max)
      if ('reason' in read) {
        problems.push(read)
        continue
      }
      const hash = contentHash(read.bytes)
      current.push({path, hash})
      const hashes = known.get(path)
      if (hashes?.has(hash)) {
        result.unchanged++
        continue
      }
      // Bounded memory: a few files in the workers and at most two batches waiting for the database.
      while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight)
      if (queued >= 2) {
        const waiting = performance.now()
        while (queued >= 2) await writing
        phases.held += performance.now() - waiting
      }
      const bytes = read.bytes.length
      const hadOther = hashes !== undefined && hashes.size > 0
      const next: Promise<void> = workers
        .parse({path, maxBytes: max, size: bytes})
        .then((outcome) => accept(pendingOf(path, hash, bytes, outcome), hadOther, i + 1))
        .finally(() => inFlight.delete(next))
      inFlight.add(next)
    }
    await Promise.all(inFlight)
    phases.parse = lap()
    flush(files.length)
    await writing
    phases.drain = lap()
    const published = await publish(
      client,
      current.filter((c) => !failed.has(c.path)),
      problems,
    )
    result.removed = published.removed
    result.generation = published.generation
    phases.publish = lap()
    return result
  } finally {
    client.release()
  }
}

/** Files handed to the parse workers at once (as `loadCorpus` keeps them busy). */
const IN_FLIGHT = 32

/** A parse worker's outcome as a pending row of the batch, or the problem it met. */
function pendingOf(path: string, hash: string, bytes: number, outcome: ParseOutcome): Pending | CorpusProblem {
  if ('problem' in outcome) return outcome.problem
  if ('bibliography' in outcome) return {kind: 'bibliography', path, hash, entries: outcome.bibliography}
  return {kind: 'source', path, hash, bytes, parsed: outcome.parsed}
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

async function readBytes(path: string, max: number): Promise<{bytes: Buffer} | CorpusProblem> {
  try {
    const info = await stat(path)
    if (info.size > max) return {path, reason: `file is ${(info.size / 1048576).toFixed(1)} MB, over the ${(max / 1048576).toFixed(0)} MB limit`}
    return {bytes: await readFile(path)}
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return {path, reason: code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'file disappeared while indexing' : String(error)}
  }
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
