import type {SourceMeta} from '../corpus/types'

/** A CSL name: a person (`family`, `given`) or an organisation (`literal`). */
export interface CslName {
  family?: string
  given?: string
  literal?: string
}

/** CSL date: `date-parts` ([[2019, 6, 12]]) or a `raw` string. */
export interface CslDate {
  'date-parts'?: number[][]
  raw?: string
}

/**
 * One CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html), the
 * input citeproc formats and the form `.json` bibliographies are written in. Only the variables
 * Briefcheck reads or writes are typed; any other passes through.
 */
export interface CslItem {
  id: string
  type: string
  title?: string
  author?: CslName[]
  editor?: CslName[]
  issued?: CslDate
  accessed?: CslDate
  'container-title'?: string
  publisher?: string
  URL?: string
  DOI?: string
  [variable: string]: unknown
}

/** Metadata every corpus source has: enough for a CSL record. */
type SourceFacts = Pick<SourceMeta, 'key' | 'title' | 'authors' | 'date' | 'url' | 'publisher' | 'doi'>

/**
 * A CSL record made from a source's own metadata (a Markdown brief, a PDF, a web page): a
 * `webpage` when it has a URL, else a `report`. Names are split at the family name keys.ts
 * finds ("Jane van Dyke" → given "Jane", family "van Dyke"); one-word names stay literal.
 */
export function sourceToCsl(source: SourceFacts, family: (name: string) => string = lastWords): CslItem {
  const item: CslItem = {id: source.key, type: source.url ? 'webpage' : 'report', title: source.title}
  if (source.authors.length > 0) {
    item.author = source.authors.map((name) => {
      const fam = family(name)
      const given = name.replace(/,.*$/, '').trim() === fam ? name.split(',').slice(1).join(',').trim() : name.slice(0, name.lastIndexOf(fam)).trim()
      return fam && given ? {family: fam, given} : {literal: name.trim()}
    })
  }
  const parts = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(source.date ?? '')
  if (parts) item.issued = {'date-parts': [parts.slice(1).filter(Boolean).map(Number)]}
  if (source.url) item.URL = source.url
  if (source.doi) item.DOI = source.doi
  if (source.publisher) {
    if (source.url) item['container-title'] = source.publisher
    else item.publisher = source.publisher
  }
  return item
}

function lastWords(name: string): string {
  const words = name.trim().split(/\s+/)
  return words.length > 1 ? words[words.length - 1] : ''
}
