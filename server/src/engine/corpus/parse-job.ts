import {isBibliographyFile, parseBibliography, type BibEntry} from './bibliography'
import {decodeText} from './decode'
import {documentFormat, ExtractError, parseDocument} from './formats/index'
import {contentHash, parseSource, type ParsedSource} from './parsed-source'
import {fileErrorReason, readRegularFileSync, type FileBytes} from './read-file'
import type {CorpusProblem} from './types'

/** One corpus file to read and parse, as the main thread hands it to a parse worker. */
export interface ParseJob {
  path: string
  maxBytes: number
  /** Size when listed, for the job's deadline. */
  size?: number
}

/** What a parse job gives back: a parsed source, bibliography entries, or the reason it could not. */
export type ParseOutcome = {parsed: ParsedSource} | {bibliography: BibEntry[]} | {problem: CorpusProblem}

/**
 * A job of ingestion into a store (store/postgres/ingest.ts), which knows files by the SHA-1 of
 * their bytes: the worker hashes the bytes it reads and skips the parse when the store holds
 * them already. So the file is read once, in the worker: the main thread's own read and hash of
 * every file took about a third of its CPU at 10,000 briefs (docs/scaling.md, "Ingestion profile").
 */
export interface HashedJob extends ParseJob {
  /** Hashes of this path's bytes already in the store. */
  knownHashes: string[]
}

/** What a hashed job gives back: `unchanged` (the hash, known), the parse with its bytes' hash and length, or a problem. */
export type HashedOutcome = {unchanged: string} | {problem: CorpusProblem} | (({parsed: ParsedSource} | {bibliography: BibEntry[]}) & {fileHash: string; fileBytes: number})

/**
 * Reads and parses one corpus file: a source (Markdown, text, PDF, HTML, Word) or a
 * bibliography. Every failure comes back as a problem naming the reason, never as an
 * exception; this is what runs inside a parse worker (parse-worker.ts).
 */
export async function runParseJob(job: ParseJob): Promise<ParseOutcome> {
  const {path} = job
  // Read without awaiting: in a worker, each await of the file system left the thread idle
  // until the thread pool answered (part of the 12% idle profiled on a busy machine).
  const read = readRegularFileSync(path, job.maxBytes, 'file disappeared while indexing')
  if ('reason' in read) return {problem: read}
  return parseBytes(path, read)
}

/** `runParseJob` for a store's ingestion: reads, hashes, and parses only bytes the store lacks. */
export async function runHashedJob(job: HashedJob): Promise<HashedOutcome> {
  const read = readRegularFileSync(job.path, job.maxBytes, 'file disappeared while indexing')
  if ('reason' in read) return {problem: read}
  const fileHash = contentHash(read.bytes)
  if (job.knownHashes.includes(fileHash)) return {unchanged: fileHash}
  const outcome = await parseBytes(job.path, read)
  return 'problem' in outcome ? outcome : {...outcome, fileHash, fileBytes: read.bytes.length}
}

async function parseBytes(path: string, read: FileBytes): Promise<ParseOutcome> {
  try {
    const format = documentFormat(path)
    if (format) return {parsed: {...(await parseDocument(path, read.bytes, format)), stamp: read.stamp}}
    const decoded = decodeText(read.bytes)
    if ('reason' in decoded) return {problem: {path, reason: decoded.reason}}
    if (isBibliographyFile(path)) return {bibliography: await parseBibliography(path, decoded.text)}
    return {parsed: {...parseSource({path, text: decoded.text}), stamp: read.stamp}}
  } catch (error) {
    if (error instanceof ExtractError) return {problem: {path, reason: error.message}}
    const what = isBibliographyFile(path) ? 'bibliography could not be parsed' : 'could not be read as a source'
    return {problem: {path, reason: `${what}: ${fileErrorReason(error)}`}}
  }
}

/** Typed arrays of an outcome, handed over to the main thread instead of copied. */
export function transferablesOf(outcome: ParseOutcome | HashedOutcome): ArrayBuffer[] {
  if (!('parsed' in outcome)) return []
  const p = outcome.parsed
  return [p.lineStarts.buffer, p.text.buffer, p.spans.buffer, p.termStarts.buffer, p.termIds.buffer, p.termTfs.buffer] as ArrayBuffer[]
}
