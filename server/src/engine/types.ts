export type {CorpusSentence, SourceMeta, CorpusProblem} from './corpus/types'
import type {OffsetMap} from './text/offset-map'
import type {Range} from './text/positions'
import type {CellHeaders} from './markdown/table-headers'

/** Where a prose block sits in a document: what the checks may say about it. */
export type BlockKind = 'paragraph' | 'list-item' | 'blockquote' | 'cell' | 'heading'

/** A run of prose with Markdown syntax removed; `map` leads back to offsets in the file. */
export interface ProseBlock {
  kind: BlockKind
  /** Derived text: inline syntax gone, code spans blanked, line breaks as spaces. */
  text: string
  map: OffsetMap
  /** Nearest heading above the block, for hover cards and pin-cites. */
  section?: string
  /** For a table cell: its row's first cell and its column's header cell (markdown/table-headers.ts). */
  headers?: CellHeaders
}

export type CitationKind = 'footnote' | 'pandoc' | 'link' | 'author-date'

/** A citation written in the draft; `target` is what it names (footnote id, key, url, "Author 2019"). */
export interface Citation {
  kind: CitationKind
  target: string
  /** Offsets in the draft file. */
  start: number
  end: number
  /** Pin-cite ("p. 4") when the writer gave one. */
  locator?: string
}

/** A sentence of the draft with everything the checks need. */
export interface DraftSentence {
  blockKind: BlockKind
  /** Index of the block in the draft, so a paragraph-wide citation can cover its sentences. */
  blockIndex: number
  /** Derived text (Markdown syntax stripped). */
  text: string
  /** Same length as `text`, with citations and quotes masked for figure extraction. */
  analysisText: string
  /** Offsets in the draft file. */
  start: number
  end: number
  range: Range
  citations: Citation[]
  /** Maps an offset in `text` to an offset in the draft file. */
  toDraftOffset(offset: number): number
  section?: string
  /** For a table cell: the header cells it sits under, which say what its figure measures. */
  headers?: CellHeaders
}
