import {createHash} from 'node:crypto'
import {terms} from '../index/terms'
import {splitOnce} from '../text/sentences'
import type {FrontMatterMeta} from './frontmatter'
import {readSource, type ReadSource} from './read-source'
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
 * Fields per sentence in `ParsedSource.spans`: start and end in `text`, start and end in the
 * file, page (0: none), section (index into `sections` + 1; 0: none), BM25 length (number of
 * index terms, capped at 65,535).
 */
export const SPAN_FIELDS = 7

/**
 * A source file parsed into metadata, sentences and index terms: what a parse worker returns,
 * what the disk cache keeps per file and what `assembleCorpus` merges.
 *
 * Sentences are spans, not objects: issue #15 measured sentence objects as most of the heap of
 * a 10,000-brief corpus (797,000 of them). Here a source's sentence texts are one string and
 * each sentence is `SPAN_FIELDS` integers; a sentence object is built only when a check reads
 * it (`Corpus.sentences`). Everything is plain data and typed arrays, so it crosses a
 * `worker_threads` boundary and packs into the cache file without conversion.
 */
export interface ParsedSource {
  path: string
  /** Content hash of the file (its bytes for documents, its text otherwise): the cache key. */
  hash: string
  /** Size and modification time when read; absent for sources built from memory. */
  stamp?: FileStamp
  meta: FrontMatterMeta
  warnings: string[]
  /** Offset of each line's start in the file: sentence ranges are derived from it on demand. */
  lineStarts: Uint32Array
  /** The sentence texts one after another; `spans` says where each starts and ends. */
  text: string
  spans: Uint32Array
  /** Distinct section headings, referenced by `spans`. */
  sections: string[]
  /**
   * Distinct index terms of the source joined by newlines (terms hold no whitespace); `termIds`
   * number them from 0. One string, not an array: millions of small strings crossing from the
   * workers were the peak of a cold index's memory.
   */
  vocabulary: string
  /** Where each sentence's terms start in `termIds`/`termTfs` (one more entry than sentences). */
  termStarts: Uint32Array
  termIds: Uint32Array
  /** Term frequency within the sentence, capped at 255 as the index stores it. */
  termTfs: Uint8Array
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
  let text = ''
  const spans: number[] = []
  const sections: string[] = []
  const sectionIds = new Map<string, number>()
  const vocabulary: string[] = []
  const vocabularyIds = new Map<string, number>()
  const termStarts: number[] = [0]
  const termIds: number[] = []
  const termTfs: number[] = []
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
      const words = terms(sentence)
      spans.push(text.length, text.length + sentence.length, start, end, page, section, Math.min(words.length, 65_535))
      text += sentence
      const counts = new Map<number, number>()
      for (const word of words) {
        let id = vocabularyIds.get(word)
        if (id === undefined) {
          vocabularyIds.set(word, (id = vocabulary.length))
          vocabulary.push(word)
        }
        counts.set(id, (counts.get(id) ?? 0) + 1)
      }
      for (const [id, tf] of counts) {
        termIds.push(id)
        termTfs.push(Math.min(tf, 255))
      }
      termStarts.push(termIds.length)
    }
  }
  return {
    path: file.path,
    hash: contentHash(file.text),
    meta: read.meta,
    warnings: read.warnings,
    lineStarts: Uint32Array.from(lineStarts(file.text)),
    text,
    spans: Uint32Array.from(spans),
    sections,
    vocabulary: vocabulary.join('\n'),
    termStarts: Uint32Array.from(termStarts),
    termIds: Uint32Array.from(termIds),
    termTfs: Uint8Array.from(termTfs),
  }
}

/** The sentences of a parsed source as objects (tests and tools; the corpus never builds them all). */
export function parsedSentences(parsed: ParsedSource): Array<Omit<CorpusSentence, 'source'>> {
  const out: Array<Omit<CorpusSentence, 'source'>> = []
  for (let at = 0; at < parsed.spans.length; at += SPAN_FIELDS) {
    const s = parsed.spans
    const sentence: Omit<CorpusSentence, 'source'> = {text: parsed.text.slice(s[at], s[at + 1]), start: s[at + 2], end: s[at + 3]}
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
