import {extname} from 'node:path'
import type {DocumentFormat} from './types'

// A leaf module: read-source.ts needs the extensions and page lookup without the extractors.

/** Extensions read as documents (bytes, own parser) rather than as text (issue #9). */
export const DOCUMENT_EXTENSIONS: ReadonlyMap<string, DocumentFormat> = new Map([
  ['.pdf', 'pdf'],
  ['.html', 'html'],
  ['.htm', 'html'],
  ['.xhtml', 'html'],
  ['.docx', 'docx'],
])

export function documentFormat(path: string): DocumentFormat | undefined {
  return DOCUMENT_EXTENSIONS.get(extname(path).toLowerCase())
}

/** The page an offset falls on, from sorted [offset, page] starts. */
export function pageLookup(starts: Array<[number, number]>): (offset: number) => number | undefined {
  const sorted = [...starts].sort((a, b) => a[0] - b[0])
  return (offset) => {
    let page: number | undefined
    for (const [at, p] of sorted) {
      if (at > offset) break
      page = p
    }
    return page
  }
}

