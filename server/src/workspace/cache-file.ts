import type {FrontMatterMeta} from '../engine/corpus/frontmatter'
import {SPAN_FIELDS, type FileStamp, type ParsedSource} from '../engine/corpus/parsed-source'

/** First bytes of a cache file: what marks a file as one this cache wrote (and may replace). */
export const CACHE_MAGIC = 'BCPK'

/** What the header says of one source; its arrays and texts follow in the body at `at`. */
interface SourceHeader {
  path: string
  hash: string
  stamp?: FileStamp
  meta: FrontMatterMeta
  warnings: string[]
  sections: string[]
  at: number
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
  sources: SourceHeader[]
}

/** A cache file read into its header and the sources it holds (decoded when asked). */
export interface CacheContents {
  header: CacheHeader
  body: Buffer
  sources: Map<string, SourceHeader>
}

/**
 * Encodes one cache file: magic, format version, a JSON header (paths, hashes, metadata), then
 * every source's typed arrays and texts, 4-byte aligned, then the search index. Returned as
 * parts so a large corpus is written without first copying it into one buffer.
 */
export function encodeCacheFile(version: number, sources: readonly ParsedSource[], index: {fingerprint: string; bytes: Uint8Array} | undefined): Uint8Array[] {
  const body: Uint8Array[] = []
  let at = 0
  const push = (part: Uint8Array) => {
    body.push(part)
    at += part.byteLength
    const pad = (4 - (part.byteLength % 4)) % 4
    if (pad > 0) {
      body.push(new Uint8Array(pad))
      at += pad
    }
  }
  const headers: SourceHeader[] = sources.map((s) => {
    const text = Buffer.from(s.text, 'utf8')
    const vocabulary = Buffer.from(s.vocabulary, 'utf8')
    const header: SourceHeader = {
      path: s.path,
      hash: s.hash,
      stamp: s.stamp,
      meta: s.meta,
      warnings: s.warnings,
      sections: s.sections,
      at,
      counts: [s.lineStarts.length, s.spans.length / SPAN_FIELDS, s.termIds.length, text.length, vocabulary.length],
    }
    for (const part of [s.lineStarts, s.spans, s.termStarts, s.termIds, s.termTfs]) push(new Uint8Array(part.buffer, part.byteOffset, part.byteLength))
    push(text)
    push(vocabulary)
    return header
  })
  let indexAt: [number, number] | null = null
  if (index) {
    indexAt = [at, index.bytes.byteLength]
    push(index.bytes)
  }
  const header: CacheHeader = {version, fingerprint: index?.fingerprint ?? null, index: indexAt, sources: headers}
  const json = Buffer.from(JSON.stringify(header), 'utf8')
  const prefix = Buffer.alloc(12 + json.length + ((4 - (json.length % 4)) % 4))
  prefix.write(CACHE_MAGIC, 0, 'latin1')
  prefix.writeUInt32LE(version, 4)
  prefix.writeUInt32LE(json.length, 8)
  json.copy(prefix, 12)
  return [prefix, ...body]
}

/** Whether the bytes start like a cache file (of any version). */
export function isCacheFile(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && Buffer.from(bytes.buffer, bytes.byteOffset, 4).toString('latin1') === CACHE_MAGIC
}

/**
 * Reads a cache file's header and checks that every source's segment lies inside the body;
 * throws with a reason on anything else (another format version, a garbled or cut file).
 */
export function decodeCacheFile(bytes: Buffer, version: number): CacheContents {
  if (!isCacheFile(bytes) || bytes.length < 12) throw new Error('not a Briefcheck cache file')
  const found = bytes.readUInt32LE(4)
  if (found !== version) throw Object.assign(new Error(`format ${found}, expected ${version}`), {olderFormat: true})
  const length = bytes.readUInt32LE(8)
  if (12 + length > bytes.length) throw new Error('header runs past the end')
  const header = JSON.parse(bytes.subarray(12, 12 + length).toString('utf8')) as CacheHeader
  const start = 12 + length + ((4 - (length % 4)) % 4)
  // An aligned copy when needed: typed-array views need their offset to be a multiple of 4.
  const body = (bytes.byteOffset + start) % 4 === 0 ? bytes.subarray(start) : Buffer.from(bytes.subarray(start))
  if (!Array.isArray(header.sources)) throw new Error('no source list')
  const sources = new Map<string, SourceHeader>()
  for (const source of header.sources) {
    if (typeof source.path !== 'string' || typeof source.hash !== 'string' || !Array.isArray(source.counts)) throw new Error('garbled source entry')
    if (source.at + segmentBytes(source.counts) > body.length || source.at % 4 !== 0) throw new Error(`entry of ${source.path} runs past the end`)
    sources.set(source.path, source)
  }
  if (header.index && header.index[0] + header.index[1] > body.length) throw new Error('index runs past the end')
  return {header, body, sources}
}

/** A source of a decoded cache file as the corpus reads it; throws when its spans do not fit. */
export function sourceFromCache(contents: CacheContents, entry: SourceHeader): ParsedSource {
  const [lines, sentences, postings, textBytes, vocabularyBytes] = entry.counts
  const body = contents.body
  let at = entry.at
  const u32 = (count: number) => {
    const view = new Uint32Array(body.buffer, body.byteOffset + at, count)
    at += count * 4
    return view
  }
  const lineStarts = u32(lines).slice()
  const spans = u32(sentences * SPAN_FIELDS)
  const termStarts = u32(sentences + 1)
  const termIds = u32(postings)
  const termTfs = new Uint8Array(body.buffer, body.byteOffset + at, postings)
  at += aligned(postings)
  const text = body.toString('utf8', at, at + textBytes)
  at += aligned(textBytes)
  const vocabularyAt = at
  for (let s = 0; s < spans.length; s += SPAN_FIELDS) {
    if (spans[s] > spans[s + 1] || spans[s + 1] > text.length || spans[s + 5] > entry.sections.length) throw new Error(`entry of ${entry.path} is garbled`)
  }
  if (termStarts[sentences] !== postings) throw new Error(`entry of ${entry.path} is garbled`)
  const parsed: ParsedSource = {
    path: entry.path,
    hash: entry.hash,
    stamp: entry.stamp,
    meta: entry.meta,
    warnings: entry.warnings,
    lineStarts,
    text,
    spans,
    sections: entry.sections,
    vocabulary: '',
    termStarts,
    termIds,
    termTfs,
  }
  // Decoded only if the index is rebuilt (a source changed): a warm load never reads it.
  let vocabulary: string | undefined
  Object.defineProperty(parsed, 'vocabulary', {get: () => (vocabulary ??= body.toString('utf8', vocabularyAt, vocabularyAt + vocabularyBytes)), enumerable: true})
  return parsed
}

/** The stored index bytes, if the file holds an index for this fingerprint. */
export function indexFromCache(contents: CacheContents, fingerprint: string): Buffer | undefined {
  const {header, body} = contents
  if (!header.index || header.fingerprint !== fingerprint) return undefined
  return body.subarray(header.index[0], header.index[0] + header.index[1])
}

function segmentBytes([lines, sentences, postings, textBytes, vocabularyBytes]: SourceHeader['counts']): number {
  return 4 * (lines + sentences * SPAN_FIELDS + sentences + 1 + postings) + aligned(postings) + aligned(textBytes) + aligned(vocabularyBytes)
}

function aligned(bytes: number): number {
  return bytes + ((4 - (bytes % 4)) % 4)
}
