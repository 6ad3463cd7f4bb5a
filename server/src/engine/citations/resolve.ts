import type {CorpusView as Corpus} from '../store/types'
import {normaliseTitle, normaliseUrl} from '../corpus/corpus'
import {familyName} from '../corpus/keys'
import type {FootnoteDefinition} from '../markdown/prose'
import type {Citation} from '../types'
import {EMPTY_BIBLIOGRAPHY, type DraftBibliography, type DraftEntry} from './draft-bibliography'

/** What a citation in the draft points at. */
export type Resolution =
  | {status: 'source'; source: number}
  /** A reference outside the corpus (a footnote with text, a link elsewhere): cited, not checkable. */
  | {status: 'external'}
  /** A key or footnote that nothing defines: the `unknown-citation` check reports it. */
  | {status: 'unknown'}
  /** A link that cites nothing: `mailto:`, an in-page anchor, a relative link to a non-source. */
  | {status: 'not-a-citation'}

/**
 * What resolving reads from a corpus, built once per corpus snapshot: urls, normalised titles,
 * first authors' family names, and the resolutions of footnote texts already seen. A
 * resolver is made for every check, and building these per check cost time in proportion to
 * the corpus (10,000 normalised titles for a one-sentence re-check at 10,000 briefs), as did
 * resolving each footnote again (a scan of every title and author).
 */
interface CorpusCitations {
  /** Sources when built: a corpus still being assembled (sources added) gets new tables. */
  count: number
  urls: Map<string, number>
  titles: Array<{source: number; title: string}>
  /** First authors' family names, lower-cased, computed on first use. */
  families?: Array<string | undefined>
  /** `byReferenceText` per text: a pure function of the corpus and the text. */
  referenceTexts: Map<string, Resolution | undefined>
  /**
   * `sourceByKey` and `byAuthorDate` per text, pure functions of the corpus and the text too.
   * A re-check resolves every citation of the draft again, and a key that is no exact key (a
   * reference manager's short form) or an author–date citation is a scan of every source:
   * profiled at 10,000 briefs (bench/pg-recheck.ts), 5 ms of a one-sentence re-check of a
   * 5,000-word draft went to these two scans, in both stores.
   */
  keys: Map<string, number | undefined>
  authorDates: Map<string, Resolution | undefined>
}

/** Texts remembered per corpus and kind; each memo is emptied when full (as text/memo.ts does). */
const MAX_REFERENCE_TEXTS = 20_000

const citationTables = new WeakMap<Corpus, CorpusCitations>()

/** `compute(text)`, remembered in `known` (bounded). */
function remembered<T>(known: Map<string, T>, text: string, compute: (text: string) => T): T {
  if (known.has(text)) return known.get(text) as T
  const value = compute(text)
  if (known.size >= MAX_REFERENCE_TEXTS) known.clear()
  known.set(text, value)
  return value
}

function citationsOf(corpus: Corpus): CorpusCitations {
  let tables = citationTables.get(corpus)
  if (!tables || tables.count !== corpus.sources.length) {
    tables = {count: corpus.sources.length, urls: new Map(), titles: [], referenceTexts: new Map(), keys: new Map(), authorDates: new Map()}
    for (let i = 0; i < corpus.sources.length; i++) {
      const s = corpus.sources[i]
      if (s.url) tables.urls.set(normaliseUrl(s.url), i)
      tables.titles.push({source: i, title: normaliseTitle(s.title)})
    }
    citationTables.set(corpus, tables)
  }
  return tables
}

/**
 * Resolves citations to corpus sources: pandoc keys by key, links by url or file path,
 * author–date by first author's family name and year, footnotes through their definition's
 * url, key, author–date or title.
 */
export class CitationResolver {
  private readonly footnotes: Map<string, FootnoteDefinition>
  private readonly tables: CorpusCitations

  constructor(
    private readonly corpus: Corpus,
    footnotes: FootnoteDefinition[],
    /** The draft's own bibliography (front matter `bibliography:` / `references:`, issue #16). */
    private readonly bibliography: DraftBibliography = EMPTY_BIBLIOGRAPHY,
  ) {
    this.footnotes = new Map(footnotes.map((f) => [f.id.toLowerCase(), f]))
    this.tables = citationsOf(corpus)
  }

  resolve(citation: Citation): Resolution {
    switch (citation.kind) {
      case 'pandoc': {
        const source = this.sourceByKey(citation.target)
        if (source !== undefined) return {status: 'source', source}
        // A key of the draft's bibliography: the corpus source it describes, else cited outside the corpus.
        const entry = this.bibliography.entries.find((e) => e.key === citation.target)
        if (!entry) return {status: 'unknown'}
        const match = matchEntry(this.corpus, entry)
        return match === undefined ? {status: 'external'} : {status: 'source', source: match}
      }
      case 'link':
        // A web link is sourcing even when it leads outside the corpus; other links are not.
        return this.byLink(citation.target) ?? (/^https?:\/\//i.test(citation.target) ? {status: 'external'} : {status: 'not-a-citation'})
      case 'author-date':
        return this.byAuthorDate(citation.target) ?? {status: 'external'}
      case 'footnote': {
        const definition = this.footnotes.get(citation.target.toLowerCase())
        if (!definition) return {status: 'unknown'}
        return this.byReferenceText(definition.text) ?? {status: 'external'}
      }
    }
  }

  /** Resolves free reference text (a footnote definition) to a source, when one matches. */
  byReferenceText(text: string): Resolution | undefined {
    return remembered(this.tables.referenceTexts, text, (t) => this.readReferenceText(t))
  }

  private sourceByKey(key: string): number | undefined {
    return remembered(this.tables.keys, key, (k) => this.corpus.sourceByKey(k))
  }

  private readReferenceText(text: string): Resolution | undefined {
    for (const url of text.match(/https?:\/\/[^\s)>\]]+/g) ?? []) {
      const hit = this.byLink(url.replace(/[.,;]+$/, ''))
      if (hit) return hit
    }
    for (const word of text.match(/@?[\p{L}\p{N}_:-]+/gu) ?? []) {
      const source = this.sourceByKey(word.replace(/^@/, ''))
      if (source !== undefined && /\d/.test(word)) return {status: 'source', source}
    }
    const normalised = normaliseTitle(text)
    const byTitle = this.tables.titles.find((t) => t.title.length > 12 && normalised.includes(t.title))
    if (byTitle) return {status: 'source', source: byTitle.source}
    return this.byAuthorDate(text)
  }

  private byLink(url: string): Resolution | undefined {
    const normalised = normaliseUrl(url)
    const source = this.tables.urls.get(normalised)
    if (source !== undefined) return {status: 'source', source}
    // A relative link to the source file itself.
    const file = decodeURIComponent(url.split(/[?#]/)[0]).replace(/^\.?\//, '')
    if (!file || /^[a-z]+:/i.test(file)) return undefined
    const index = this.corpus.sources.findIndex((s) => s.path.endsWith('/' + file) || s.path.endsWith(file))
    return index >= 0 ? {status: 'source', source: index} : undefined
  }

  /** "Van Dyke et al. 2020", "Borshchevskaya, 2019", or a footnote "Van Dyke ME, ... 2020". */
  private byAuthorDate(text: string): Resolution | undefined {
    return remembered(this.tables.authorDates, text, (t) => this.readAuthorDate(t))
  }

  private readAuthorDate(text: string): Resolution | undefined {
    const year = /\b((?:1[6-9]|20)\d\d)\b/.exec(text)?.[1]
    const lower = ` ${text.toLowerCase()} `
    const families = (this.tables.families ??= this.corpus.sources.map((s) => (s.authors[0] ? familyName(s.authors[0]).toLowerCase() : undefined)))
    for (let i = 0; i < families.length; i++) {
      const family = families[i]
      if (!family || !lower.includes(` ${family}`)) continue
      const date = this.corpus.sources[i].date
      if (year && date && !date.startsWith(year)) continue
      return {status: 'source', source: i}
    }
    return undefined
  }
}

/** The corpus source a bibliography entry describes: same DOI, else URL, else title. */
export function matchEntry(corpus: Corpus, entry: DraftEntry): number | undefined {
  const doi = entry.doi?.toLowerCase().replace(/^https?:\/\/(dx\.)?doi\.org\//, '')
  const url = entry.url ? normaliseUrl(entry.url) : undefined
  const title = entry.title ? normaliseTitle(entry.title.replace(/[{}]/g, '')) : undefined
  let byUrl: number | undefined
  let byTitle: number | undefined
  for (let i = 0; i < corpus.sources.length; i++) {
    const s = corpus.sources[i]
    if (doi && s.doi?.toLowerCase() === doi) return i
    if (url && byUrl === undefined && s.url && normaliseUrl(s.url) === url) byUrl = i
    if (title && byTitle === undefined && normaliseTitle(s.title) === title) byTitle = i
  }
  return byUrl ?? byTitle
}
