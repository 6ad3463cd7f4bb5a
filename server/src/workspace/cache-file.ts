import {closeSync, fstatSync, openSync, readSync} from 'node:fs'
import type {FrontMatterMeta} from '../engine/corpus/frontmatter'
import {sentenceText, SPAN_FIELDS, type FileStamp, type ParsedSource} from '../engine/corpus/parsed-source'
import {TermCounter, type SourceTerms} from '../engine/corpus/term-counts'

/** First bytes of a cache file: what marks a file as one this cache wrote (and may replace). */
export const CACHE_MAGIC = 'BCPK'

/** Magic, format version and header length, before the JSON header. */
const PREFIX_BYTES = 12

/** What the header says of one source; its arrays and texts follow in the body. */
interface SourceHeader {
  path: string
  hash: string
  stamp?: FileStamp
  meta: FrontMatterMeta
  warnings: string[]
  sections: string[]
  /** Where its line starts, spans and text lie in the body. */
  at: number
  /** Where its term counts lie in the body's term section (after the index). */
  termsAt: number
  /** Line starts, sentences, term postings, bytes of text, bytes of vocabulary. */
  counts: [number, number, number, number, number]
}

/** The JSON header of a cache file. */
export interface CacheHeader {
  version: number
  /** Fingerprint of the corpus the index was built for (null: no index stored). */
  fingerprint: string | null
  /** Where the index's bytes lie in the body: [offset, length]. */
  index: [number, number] | null
  /** Bytes of the body read at every load (sources' spans and texts, the index); the term section follows. */
  resident: number
  /** Bytes of the term section, read only when the index is rebuilt or the file rewritten. */
  terms: number
  sources: SourceHeader[]
}

/**
 * A cache file's header and the part of its body every load needs; its term section is read
 * on first use (`terms`) from the same open file, and `close` lets go of that file.
 */
export interface CacheContents {
  header: CacheHeader
  body: Buffer
  sources: Map<string, SourceHeader>
  terms(): Buffer
  close(): void
}

/**
 * Encodes one cache file: magic, format version, a JSON header (paths, hashes, metadata), then
 * every source's line starts, spans and UTF-8 text, the search index, and last every source's
 * term counts; 4-byte aligned. Returned as parts so a large corpus is written without first
 * copying it into one buffer.
 *
 * Why the term counts come last: they are needed only to rebuild the index when a source
 * changed, so a warm load leaves them on disk (53 MB of a 201 MB file at 10,000 briefs, issue #15).
 */
export function encodeCacheFile(version: number, sources: readonly ParsedSource[], index: {fingerprint: string; bytes: Uint8Array} | undefined): Uint8Array[] {
  const resident = new Parts()
  const terms = new Parts()
  const headers: SourceHeader[] = sources.map((s) => {
    const vocabulary = Buffer.from(s.vocabulary, 'utf8')
    const header: SourceHeader = {
      path: s.path,
      hash: s.hash,
      stamp: s.stamp,
      meta: s.meta,
      warnings: s.warnings,
      sections: s.sections,
      at: resident.length,
      termsAt: terms.length,
      counts: [s.lineStarts.length, s.spans.length / SPAN_FIELDS, s.termIds.length, s.text.byteLength, vocabulary.length],
    }
    for (const part of [s.lineStarts, s.spans, s.text]) resident.push(part)
    for (const part of [s.termStarts, s.termIds, s.termTfs, vocabulary]) terms.push(part)
    return header
  })
  let indexAt: [number, number] | null = null
  if (index) {
    indexAt = [resident.length, index.bytes.byteLength]
    resident.push(index.bytes)
  }
  const header: CacheHeader = {version, fingerprint: index?.fingerprint ?? null, index: indexAt, resident: resident.length, terms: terms.length, sources: headers}
  const json = Buffer.from(JSON.stringify(header), 'utf8')
  const prefix = Buffer.alloc(PREFIX_BYTES + aligned(json.length))
  prefix.write(CACHE_MAGIC, 0, 'latin1')
  prefix.writeUInt32LE(version, 4)
  prefix.writeUInt32LE(json.length, 8)
  json.copy(prefix, PREFIX_BYTES)
  return [prefix, ...resident.parts, ...terms.parts]
}

/** Byte parts, each padded to a multiple of 4. */
class Parts {
  readonly parts: Uint8Array[] = []
  length = 0

  push(part: Uint32Array | Uint8Array): void {
    this.parts.push(new Uint8Array(part.buffer, part.byteOffset, part.byteLength))
    this.length += part.byteLength
    const pad = aligned(part.byteLength) - part.byteLength
    if (pad > 0) {
      this.parts.push(new Uint8Array(pad))
      this.length += pad
    }
  }
}

/** Whether the bytes start like a cache file (of any version). */
export function isCacheFile(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && Buffer.from(bytes.buffer, bytes.byteOffset, 4).toString('latin1') === CACHE_MAGIC
}

/**
 * Reads a cache file from disk: its header and resident part in two reads, its term section
 * left for `terms()`, from the file kept open until `close()`. Throws with a reason on
 * anything else (another format version, a garbled or cut file); the file is closed then.
 */
export function readCacheFile(path: string, version: number): CacheContents {
  const fd = openSync(path, 'r')
  try {
    const size = fstatSync(fd).size
    const prefix = readAt(fd, 0, Math.min(PREFIX_BYTES, size))
    const length = checkPrefix(prefix, version)
    if (PREFIX_BYTES + length > size) throw new Error('header runs past the end')
    const header = parseHeader(readAt(fd, PREFIX_BYTES, length))
    const start = PREFIX_BYTES + aligned(length)
    if (start + header.resident + header.terms !== size) throw new Error(`the file has ${size} bytes, its header says ${start + header.resident + header.terms}`)
    const body = readAt(fd, start, header.resident)
    let terms: Buffer | undefined
    let open = true
    return contentsOf(header, body, {
      terms: () => {
        if (terms) return terms
        if (!open) throw new Error('cache file closed before its term section was read')
        return (terms = readAt(fd, start + header.resident, header.terms))
      },
      close: () => {
        if (open) closeSync(fd)
        open = false
      },
    })
  } catch (error) {
    closeSync(fd)
    throw error
  }
}

/** Reads a whole cache file already in memory (tests, tools); see `readCacheFile`. */
export function decodeCacheFile(bytes: Buffer, version: number): CacheContents {
  const length = checkPrefix(bytes, version)
  if (PREFIX_BYTES + length > bytes.length) throw new Error('header runs past the end')
  const header = parseHeader(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + length))
  const start = PREFIX_BYTES + aligned(length)
  if (start + header.resident + header.terms !== bytes.length) throw new Error(`the file has ${bytes.length} bytes, its header says ${start + header.resident + header.terms}`)
  // An aligned copy when needed: typed-array views need their offset to be a multiple of 4.
  const all = (bytes.byteOffset + start) % 4 === 0 ? bytes.subarray(start) : Buffer.from(bytes.subarray(start))
  const terms = all.subarray(header.resident)
  return contentsOf(header, all.subarray(0, header.resident), {terms: () => terms, close: () => {}})
}

function checkPrefix(prefix: Buffer, version: number): number {
  if (!isCacheFile(prefix) || prefix.length < PREFIX_BYTES) throw new Error('not a Briefcheck cache file')
  const found = prefix.readUInt32LE(4)
  if (found !== version) throw Object.assign(new Error(`format ${found}, expected ${version}`), {olderFormat: true})
  return prefix.readUInt32LE(8)
}

function parseHeader(json: Buffer): CacheHeader {
  const header = JSON.parse(json.toString('utf8')) as CacheHeader
  if (!Array.isArray(header.sources) || !Number.isInteger(header.resident) || !Number.isInteger(header.terms)) throw new Error('no source list')
  return header
}

/** Checks that every source's segments lie inside the body and the term section. */
function contentsOf(header: CacheHeader, body: Buffer, file: Pick<CacheContents, 'terms' | 'close'>): CacheContents {
  const sources = new Map<string, SourceHeader>()
  for (const source of header.sources) {
    if (typeof source.path !== 'string' || typeof source.hash !== 'string' || !Array.isArray(source.counts)) throw new Error('garbled source entry')
    const [resident, terms] = segmentBytes(source.counts)
    if (source.at + resident > header.resident || source.at % 4 !== 0) throw new Error(`entry of ${source.path} runs past the end`)
    if (source.termsAt + terms > header.terms || source.termsAt % 4 !== 0) throw new Error(`terms of ${source.path} run past the end`)
    sources.set(source.path, source)
  }
  if (header.index && header.index[0] + header.index[1] > header.resident) throw new Error('index runs past the end')
  return {header, body, sources, ...file}
}

/**
 * A source of a cache file as the corpus reads it: views into the body, no copy of its text;
 * its term counts read from the file's term section when first asked for (only an index
 * rebuild or a rewrite of the file does). Throws when its spans do not fit its text.
 */
export function sourceFromCache(contents: CacheContents, entry: SourceHeader): ParsedSource {
  const [lines, sentences, , textBytes] = entry.counts
  const body = contents.body
  let at = entry.at
  const u32 = (count: number) => {
    const view = new Uint32Array(body.buffer, body.byteOffset + at, count)
    at += count * 4
    return view
  }
  const lineStarts = u32(lines)
  const spans = u32(sentences * SPAN_FIELDS)
  const text = new Uint8Array(body.buffer, body.byteOffset + at, textBytes)
  for (let s = 0; s < spans.length; s += SPAN_FIELDS) {
    if (spans[s] > spans[s + 1] || spans[s + 1] > textBytes || spans[s + 5] > entry.sections.length) throw new Error(`entry of ${entry.path} is garbled`)
  }
  let terms: SourceTerms | undefined
  const termsOf = () => (terms ??= termsFromCache(contents, entry, {text, spans}))
  const parsed = {path: entry.path, hash: entry.hash, stamp: entry.stamp, meta: entry.meta, warnings: entry.warnings, lineStarts, text, spans, sections: entry.sections} as ParsedSource
  for (const field of ['vocabulary', 'termStarts', 'termIds', 'termTfs'] as const) {
    Object.defineProperty(parsed, field, {get: () => termsOf()[field], enumerable: true})
  }
  return parsed
}

/**
 * A source's term counts from the file's term section; counted again from its stored text when
 * they do not fit (a file damaged in place), since the corpus already took the source.
 */
function termsFromCache(contents: CacheContents, entry: SourceHeader, sentences: Pick<ParsedSource, 'text' | 'spans'>): SourceTerms {
  const [, count, postings, , vocabularyBytes] = entry.counts
  const section = contents.terms()
  let at = entry.termsAt
  const u32 = (n: number) => {
    const view = new Uint32Array(section.buffer, section.byteOffset + at, n)
    at += n * 4
    return view
  }
  const termStarts = u32(count + 1)
  const termIds = u32(postings)
  const termTfs = new Uint8Array(section.buffer, section.byteOffset + at, postings)
  at += aligned(postings)
  const vocabulary = section.toString('utf8', at, at + vocabularyBytes)
  const terms = vocabulary === '' ? 0 : vocabulary.split('\n').length
  let valid = termStarts[0] === 0 && termStarts[count] === postings
  for (let s = 0; valid && s < count; s++) valid = termStarts[s] <= termStarts[s + 1]
  for (let p = 0; valid && p < postings; p++) valid = termIds[p] < terms
  if (valid) return {vocabulary, termStarts, termIds, termTfs}
  const counter = new TermCounter()
  for (let s = 0; s < count; s++) counter.add(sentenceText(sentences, s))
  return counter.finish()
}

/** The stored index bytes, if the file holds an index for this fingerprint. */
export function indexFromCache(contents: CacheContents, fingerprint: string): Buffer | undefined {
  const {header, body} = contents
  if (!header.index || header.fingerprint !== fingerprint) return undefined
  return body.subarray(header.index[0], header.index[0] + header.index[1])
}

/** Bytes of a source's resident segment and of its term segment. */
function segmentBytes([lines, sentences, postings, textBytes, vocabularyBytes]: SourceHeader['counts']): [number, number] {
  return [4 * (lines + sentences * SPAN_FIELDS) + aligned(textBytes), 4 * (sentences + 1 + postings) + aligned(postings) + aligned(vocabularyBytes)]
}

function aligned(bytes: number): number {
  return bytes + ((4 - (bytes % 4)) % 4)
}

/** `length` bytes of the file from `position`, in a buffer of their own (aligned for typed arrays). */
function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafeSlow(length)
  for (let done = 0; done < length; ) {
    const read = readSync(fd, buffer, done, length - done, position + done)
    if (read === 0) throw new Error('the file ends early')
    done += read
  }
  return buffer
}
