import type {CorpusView as Corpus} from '../store/types'
import {normaliseTitle, normaliseUrl} from '../corpus/corpus'
import {familyName} from '../corpus/keys'
import type {FootnoteDefinition} from '../markdown/prose'
import type {Citation} from '../types'

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
 * Resolves citations to corpus sources: pandoc keys by key, links by url or file path,
 * author–date by first author's family name and year, footnotes through their definition's
 * url, key, author–date or title.
 */
export class CitationResolver {
  private readonly footnotes: Map<string, FootnoteDefinition>
  private readonly urls = new Map<string, number>()
  private readonly titles: Array<{source: number; title: string}> = []

  constructor(
    private readonly corpus: Corpus,
    footnotes: FootnoteDefinition[],
  ) {
    this.footnotes = new Map(footnotes.map((f) => [f.id.toLowerCase(), f]))
    corpus.sources.forEach((s, i) => {
      if (s.url) this.urls.set(normaliseUrl(s.url), i)
      this.titles.push({source: i, title: normaliseTitle(s.title)})
    })
  }

  resolve(citation: Citation): Resolution {
    switch (citation.kind) {
      case 'pandoc': {
        const source = this.corpus.sourceByKey(citation.target)
        return source === undefined ? {status: 'unknown'} : {status: 'source', source}
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
    for (const url of text.match(/https?:\/\/[^\s)>\]]+/g) ?? []) {
      const hit = this.byLink(url.replace(/[.,;]+$/, ''))
      if (hit) return hit
    }
    for (const word of text.match(/@?[\p{L}\p{N}_:-]+/gu) ?? []) {
      const source = this.corpus.sourceByKey(word.replace(/^@/, ''))
      if (source !== undefined && /\d/.test(word)) return {status: 'source', source}
    }
    const normalised = normaliseTitle(text)
    const byTitle = this.titles.find((t) => t.title.length > 12 && normalised.includes(t.title))
    if (byTitle) return {status: 'source', source: byTitle.source}
    return this.byAuthorDate(text)
  }

  private byLink(url: string): Resolution | undefined {
    const normalised = normaliseUrl(url)
    const source = this.urls.get(normalised)
    if (source !== undefined) return {status: 'source', source}
    // A relative link to the source file itself.
    const file = decodeURIComponent(url.split(/[?#]/)[0]).replace(/^\.?\//, '')
    if (!file || /^[a-z]+:/i.test(file)) return undefined
    const index = this.corpus.sources.findIndex((s) => s.path.endsWith('/' + file) || s.path.endsWith(file))
    return index >= 0 ? {status: 'source', source: index} : undefined
  }

  /** "Van Dyke et al. 2020", "Borshchevskaya, 2019", or a footnote "Van Dyke ME, ... 2020". */
  private byAuthorDate(text: string): Resolution | undefined {
    const year = /\b((?:1[6-9]|20)\d\d)\b/.exec(text)?.[1]
    const lower = ` ${text.toLowerCase()} `
    this.families ??= this.corpus.sources.map((s) => (s.authors[0] ? familyName(s.authors[0]).toLowerCase() : undefined))
    for (let i = 0; i < this.families.length; i++) {
      const family = this.families[i]
      if (!family || !lower.includes(` ${family}`)) continue
      const date = this.corpus.sources[i].date
      if (year && date && !date.startsWith(year)) continue
      return {status: 'source', source: i}
    }
    return undefined
  }

  /** First authors' family names, lower-cased, computed on first use. */
  private families?: Array<string | undefined>
}
