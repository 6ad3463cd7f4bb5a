import {readFileSync, statSync} from 'node:fs'
import {basename, dirname, extname, join} from 'node:path'
import {OffsetMap} from '../../text/offset-map'
import {contentHash, parseSource, type ParsedSource} from '../parsed-source'
import type {ReadSource} from '../read-source'
import {pageLookup} from './registry'
import {ExtractError, type DocumentFormat, type ExtractedDocument} from './types'

export {ExtractError} from './types'
export {DOCUMENT_EXTENSIONS, documentFormat, pageLookup} from './registry'
export type {DocumentFormat, ExtractedBlock, ExtractedDocument} from './types'

/**
 * Extracts metadata and prose from a document's bytes. Each format's module (and the parser
 * it needs: pdf.js, Readability + linkedom, mammoth) is loaded only when such a file is met.
 * Throws `ExtractError` with the reason when the file cannot be read as its format.
 */
export async function extractDocument(format: DocumentFormat, bytes: Uint8Array, options: {charset?: string} = {}): Promise<ExtractedDocument> {
  switch (format) {
    case 'pdf':
      return (await import('./pdf')).extractPdf(bytes)
    case 'html':
      return (await import('./html')).extractHtml(bytes, options.charset)
    case 'docx':
      return (await import('./docx')).extractDocx(bytes)
  }
}

/**
 * An extracted document as the corpus reads sources: its text (the blocks, a blank line apart —
 * the text evidence ranges count in), the blocks with offset maps into it, and the page of any
 * offset. The same shape `readSource` gives for Markdown and text, so sentences, figures and
 * keys are made the same way whatever the format.
 */
export function documentSource(doc: ExtractedDocument): {text: string; read: ReadSource} {
  let text = ''
  const blocks: ReadSource['blocks'] = []
  const pageStarts: Array<[number, number]> = []
  for (const block of doc.blocks) {
    if (text !== '') text += '\n\n'
    const start = text.length
    const map = new OffsetMap()
    map.append(block.text, start)
    if (block.page !== undefined) pageStarts.push([start, block.page])
    for (const [offset, page] of block.pageBreaks ?? []) pageStarts.push([start + offset, page])
    text += block.text
    blocks.push({text: block.text, map, section: block.section})
  }
  const read: ReadSource = {meta: doc.meta, blocks, warnings: doc.warnings}
  if (pageStarts.length > 0) read.pageAt = pageLookup(pageStarts)
  return {text, read}
}

/** Parses a document file into the shape the cache keeps; the hash is of its bytes. */
export async function parseDocument(path: string, bytes: Uint8Array, format: DocumentFormat): Promise<ParsedSource> {
  const doc = await extractDocument(format, bytes)
  const {text, read} = documentSource(doc)
  return {...parseSource({path, text}, read), hash: contentHash(bytes)}
}

/**
 * Whether a document is the original of a source `briefcheck add` captured: a Markdown file of
 * the same name beside it whose front matter names it as `original`. The Markdown is indexed
 * (its front matter may have been corrected by hand); the original is kept for reading only.
 */
export function isCapturedOriginal(path: string): boolean {
  const markdown = join(dirname(path), `${basename(path, extname(path))}.md`)
  try {
    // Only a regular file is read: a FIFO named like the Markdown would block (issue #13).
    if (!statSync(markdown, {throwIfNoEntry: false})?.isFile()) return false
    const head = readFileSync(markdown, 'utf8').slice(0, 4096)
    const original = /^original:\s*["']?([^"'\n]+?)["']?\s*$/m.exec(head)
    return original?.[1] === basename(path)
  } catch {
    return false
  }
}
