/**
 * The header cells a table cell sits under. A figure alone in a cell ("206,000") says nothing
 * of what it counts: its row's first cell ("Corve") and its column's header cell ("Visits") do
 * (issue #14: "table rows (draft and source) carry their header cells as subject and
 * qualifiers"). Corpus sentences keep them in their section name, which the sentence store
 * already holds per sentence, so no stored shape changes: `cellSection` writes them there and
 * `cellHeaders` reads them back.
 */
export interface CellHeaders {
  /** The first cell of the cell's row, when the cell is not that first cell. */
  row?: string
  /** The header row's cell above the cell, when the cell is not in the header row. */
  column?: string
}

/** Separates the section from the header cells in a cell's section name; rare in headings. */
const SEPARATOR = ' \u203a '
/** Marks a section name that carries header cells, so a heading holding the separator is not misread. */
const MARK = '\u2063'

/** The section name of a table cell: its heading, then its row and column headers. */
export function cellSection(section: string | undefined, headers: CellHeaders | undefined): string | undefined {
  if (!headers || (!headers.row && !headers.column)) return section
  return `${section ?? ''}${SEPARATOR}${MARK}${headers.row ?? ''}${SEPARATOR}${headers.column ?? ''}`
}

/** The header cells written into a section name by `cellSection`; undefined for any other section. */
export function cellHeaders(section: string | undefined): CellHeaders | undefined {
  const at = section?.indexOf(SEPARATOR + MARK) ?? -1
  if (!section || at < 0) return undefined
  const [row, column] = section.slice(at + SEPARATOR.length + MARK.length).split(SEPARATOR)
  return {row: row || undefined, column: column || undefined}
}

/** The heading part of a section name, without any header cells. */
export function headingOf(section: string | undefined): string | undefined {
  const at = section?.indexOf(SEPARATOR + MARK) ?? -1
  return section && at >= 0 ? section.slice(0, at) || undefined : section
}

/** The header cells as one phrase, row first ("Corve Visits"), for retrieval and windows. */
export function headerText(headers: CellHeaders | undefined): string {
  return [headers?.row, headers?.column].filter(Boolean).join(' ')
}

/** A section name as a reader sees it: "Branches › Corve › Visits". */
export function readableSection(section: string | undefined): string | undefined {
  return section?.replace(MARK, '')
}
