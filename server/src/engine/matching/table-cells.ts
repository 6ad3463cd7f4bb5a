import type {CorpusView as Corpus} from '../store/types'
import {terms} from '../index/terms'
import {cellHeaders, headerText, type CellHeaders} from '../markdown/table-headers'
import type {Window} from './words'

/**
 * Table cells on both sides of an alignment (issue #14). A figure alone in a cell is described
 * by its row's first cell and its column's header cell, so those words are its window, and a
 * draft cell retrieves by them. The source cell under the same headers is then the best match,
 * and a draft cell holding the value of the row above is compared with its own row's cell.
 */

/** Cells of one row read either side of a retrieved cell: a row rarely has more columns. */
const ROW_REACH = 16

/** The header cells of a corpus sentence that is a table cell (undefined for prose). */
export function corpusCellHeaders(corpus: Corpus, id: number): CellHeaders | undefined {
  return corpus.memo('cell-headers', id, () => cellHeaders(corpus.sentences[id].section) ?? null) ?? undefined
}

/** The words a draft sentence is retrieved by: a cell's headers first, then its own text. */
export function retrievalText(text: string, headers: CellHeaders | undefined): string {
  return headers ? `${headerText(headers)} ${text}` : text
}

/** A figure's window with its cell's header words added at full weight: they say what it measures. */
export function withHeaders(window: Window, headers: CellHeaders | undefined): Window {
  if (!headers) return window
  const out = new Map(window)
  for (const term of terms(headerText(headers))) out.set(term, 1)
  return out
}

/** Whether a window holds a word of corpus cell `id`'s column header (true when `id` is no cell or has none). */
export function namesColumn(corpus: Corpus, id: number, window: Window): boolean {
  const column = corpusCellHeaders(corpus, id)?.column
  if (!column) return true
  const wanted = terms(column)
  return wanted.length === 0 || wanted.some((t) => window.has(t))
}

/**
 * Whether a corpus sentence may restate a draft cell's figure: a table row's first cell names
 * its subject, so a cell of a row whose name shares no word with the draft cell's row is about
 * something else. True whenever either side is not a cell of a named row.
 */
export function sameRow(corpus: Corpus, id: number, draft: CellHeaders | undefined): boolean {
  const row = draft?.row ? corpusCellHeaders(corpus, id)?.row : undefined
  if (!row || !draft?.row) return true
  const wanted = new Set(terms(draft.row))
  return wanted.size === 0 || terms(row).some((t) => wanted.has(t))
}

/** A corpus cell's own terms and its header cells' terms: what the cell says. */
export function cellTerms(corpus: Corpus, id: number): Set<string> {
  const headers = corpusCellHeaders(corpus, id)
  if (!headers) return corpus.termsOf(id)
  return corpus.memo('cell-terms', id, () => new Set([...corpus.termsOf(id), ...terms(headerText(headers))]))
}

/**
 * The retrieved sentences plus, for each retrieved table cell, the other cells of its row: a
 * query naming a row ("Corve Visits 260,000") finds the row's first cell, while the figure the
 * draft restates sits a few cells on, holding no word of the query.
 */
export function withRowCells(corpus: Corpus, ids: number[]): number[] {
  const out = new Set(ids)
  for (const id of ids) {
    const row = rowName(corpus, id)
    if (row === undefined) continue
    const source = corpus.sentences[id].source
    for (const step of [-1, 1]) {
      for (let k = 1, at = id + step; k <= ROW_REACH && at >= 0 && at < corpus.sentences.length; k++, at += step) {
        // A database's view holds only retrieved sentences and their neighbours: stop at a gap.
        if (corpus.sentences[at]?.source !== source || rowName(corpus, at) !== row) break
        out.add(at)
      }
    }
  }
  return [...out]
}

/** The row a corpus cell belongs to: its row header, or its own text when it is that first cell. */
function rowName(corpus: Corpus, id: number): string | undefined {
  const headers = corpusCellHeaders(corpus, id)
  if (!headers) return undefined
  return headers.row ?? (headers.column ? corpus.sentences[id].text.trim() : undefined)
}
