import type {FrontMatterMeta} from '../frontmatter'

/** Formats read from bytes by a parser of their own (issue #9), not decoded as text. */
export type DocumentFormat = 'pdf' | 'html' | 'docx'

/** A paragraph of an extracted document, with where it stands in the original. */
export interface ExtractedBlock {
  text: string
  /** The heading it falls under (HTML, Word, PDF headings set in a larger type). */
  section?: string
  /** One-based page the block starts on (PDF). */
  page?: number
  /** Later pages the block runs onto: [offset in `text`, page]. A paragraph may cross a page break. */
  pageBreaks?: Array<[number, number]>
}

/** What an extractor makes of a file: metadata, prose blocks in reading order, non-fatal trouble. */
export interface ExtractedDocument {
  format: DocumentFormat
  meta: FrontMatterMeta
  blocks: ExtractedBlock[]
  warnings: string[]
}

/**
 * A file that cannot be read as what it claims to be. The message is the reason shown next to
 * the file name ("scanned PDF: no text layer (no OCR)"); callers add the path.
 */
export class ExtractError extends Error {
  override name = 'ExtractError'
}
