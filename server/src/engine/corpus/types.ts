import type {CslItem} from '../citations/csl-item'


/** A problem with one corpus file: shown on stderr / the output channel; the rest still works. */
export interface CorpusProblem {
  path: string
  reason: string
}

/** Bibliographic facts about one corpus source. */
export interface SourceMeta {
  key: string
  title: string
  authors: string[]
  /** ISO date ("2019-06-12", "2019-06" or "2019") when known. */
  date?: string
  url?: string
  publisher?: string
  /** DOI when known (Zotero items, bibliographies). */
  doi?: string
  /** Full CSL-JSON record when the source came with one (a Zotero item). */
  csl?: CslItem
  /** Absolute path of the file. */
  path: string
  /** Formatted reference for footnotes and hovers. */
  reference: string
}

/** A sentence of a corpus source, ready for the index. */
export interface CorpusSentence {
  /** Index of the source in `Corpus.sources`. */
  source: number
  text: string
  /** Offsets in the original source file (`Corpus.rangeOf` gives lines and characters). */
  start: number
  end: number
  section?: string
  /** One-based page in the original (PDF sources and captured PDFs). */
  page?: number
}
