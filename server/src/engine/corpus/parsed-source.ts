import {createHash} from 'node:crypto'
import {splitOnce} from '../text/sentences'
import type {FrontMatterMeta} from './frontmatter'
import {readSource, type ReadSource} from './read-source'
import {TermCounter, type SourceTerms} from './term-counts'
import type {CorpusSentence} from './types'

/** A file to index: its absolute path and its decoded text. */
export interface CorpusFile {
  path: string
  text: string
}

/** What a warm load compares before trusting a cached parse without reading the file again. */
export interface FileStamp {
  size: number
  mtimeMs: number
  ino: number
}

/**
 * Fields per sentence in `ParsedSource.spans`: start and end in `text` (byte offsets into its
 * UTF-8), start and end in the file (UTF-16 code units), page (0: none), section (index into
 * `sections` + 1; 0: none), BM25 length (number of index terms, capped at 65,535).
 */
export const SPAN_FIELDS = 7

/**
 * A source file parsed into metadata, sentences and index terms: what a parse worker returns,
 * what the disk cache keeps per file and what `assembleCorpus` merges.
 *
 * Sentences are spans, not objects: issue #15 measured sentence objects as most of the heap of
 * a 10,000-brief corpus (797,000 of them). Here a source's sentence texts are one UTF-8 array and
 * each sentence is `SPAN_FIELDS` integers; a sentence object is built only when a check reads
 * it (`Corpus.sentences`). Everything is plain data and typed arrays, so it crosses a
 * `worker_threads` boundary and packs into the cache file without conversion.
 */
export interface ParsedSource extends SourceTerms {
  path: string
  /** Content hash of the file (its bytes for documents, its text otherwise): the cache key. */
  hash: string
  /** Size and modification time when read; absent for sources built from memory. */
  stamp?: FileStamp
  meta: FrontMatterMeta
  warnings: string[]
  /** Offset of each line's start in the file: sentence ranges are derived from it on demand. */
  lineStarts: Uint32Array
  /**
   * The sentence texts one after another, UTF-8; `spans` says where each starts and ends (in
   * bytes). Bytes, not a string, so that a warm load keeps them where the cache file's read put
   * them and decodes only the sentences a check reads (`sentenceText`): decoded strings of
   * 800,000 sentences were 80 MB of heap at 10,000 briefs (issue #15).
   */
  text: Uint8Array
  spans: Uint32Array
  /** Distinct section headings, referenced by `spans`. */
  sections: string[]
}

/** Number of sentences of a parsed source. */
export function sentenceCount(parsed: ParsedSource): number {
  return parsed.spans.length / SPAN_FIELDS
}

/**
 * Parses one source file: metadata, sentences with positions (and pages) and their index
 * terms; `read` when already extracted (PDF, HTML, Word).
 */
export function parseSource(file: CorpusFile, read: ReadSource = readSource(file.path, file.text)): ParsedSource {
  const texts: string[] = []
  let bytes = 0
  const spans: number[] = []
  const sections: string[] = []
  const sectionIds = new Map<string, number>()
  const counter = new TermCounter()
  for (const block of read.blocks) {
    let section = 0
    if (block.section !== undefined) {
      section = sectionIds.get(block.section) ?? 0
      if (section === 0) {
        sections.push(block.section)
        sectionIds.set(block.section, (section = sections.length))
      }
    }
    for (const span of splitOnce(block.text)) {
      const sentence = block.text.slice(span.start, span.end)
      const start = block.map.toOriginal(span.start)
      const end = block.map.toOriginalEnd(span.end)
      const page = read.pageAt?.(start) ?? 0
      const length = Buffer.byteLength(sentence, 'utf8')
      spans.push(bytes, (bytes += length), start, end, page, section, counter.add(sentence))
      texts.push(sentence)
    }
  }
  return {
    path: file.path,
    hash: contentHash(file.text),
    meta: read.meta,
    warnings: read.warnings,
    lineStarts: Uint32Array.from(lineStarts(file.text)),
    text: utf8Join(texts, bytes),
    spans: Uint32Array.from(spans),
    sections,
    ...counter.finish(),
  }
}

/**
 * The UTF-8 bytes of the sentence texts one after another (`bytes` long in all), in their own
 * ArrayBuffer (never Buffer's shared pool), so that a parse worker can hand them over.
 */
function utf8Join(texts: string[], bytes: number): Uint8Array {
  const joined = new TextEncoder().encode(texts.join(''))
  if (joined.byteLength === bytes) return joined
  // A lone surrogate at a sentence's edge encodes differently alone and joined: encode one by one.
  const out = new Uint8Array(bytes)
  let at = 0
  for (const text of texts) at += new TextEncoder().encodeInto(text, out.subarray(at)).written
  return out
}

/** The text of a parsed source's `sentence`-th sentence (decoded from its UTF-8). */
export function sentenceText(parsed: Pick<ParsedSource, 'text' | 'spans'>, sentence: number): string {
  const at = sentence * SPAN_FIELDS
  return utf8Slice(parsed.text, parsed.spans[at], parsed.spans[at + 1])
}

/** Decodes `bytes[start, end)` as UTF-8 without copying the bytes first. */
export function utf8Slice(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', start, end)
}

/** The sentences of a parsed source as objects (tests and tools; the corpus never builds them all). */
export function parsedSentences(parsed: ParsedSource): Array<Omit<CorpusSentence, 'source'>> {
  const out: Array<Omit<CorpusSentence, 'source'>> = []
  for (let at = 0; at < parsed.spans.length; at += SPAN_FIELDS) {
    const s = parsed.spans
    const sentence: Omit<CorpusSentence, 'source'> = {text: utf8Slice(parsed.text, s[at], s[at + 1]), start: s[at + 2], end: s[at + 3]}
    if (s[at + 5] > 0) sentence.section = parsed.sections[s[at + 5] - 1]
    if (s[at + 4] > 0) sentence.page = s[at + 4]
    out.push(sentence)
  }
  return out
}

/** Offsets where lines begin (after `\n`, `\r\n` or a lone `\r`), as LSP counts lines. */
export function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1)
  }
  return starts
}

/** SHA-1 of a file's text or bytes, hex. */
export function contentHash(text: string | Uint8Array): string {
  return createHash('sha1').update(text).digest('hex')
}
