import MiniSearch from 'minisearch'
import {normaliseTerm} from './terms'

/** A retrieved corpus sentence with its BM25 score. */
export interface Hit {
  sentence: number
  score: number
}

const WORD_SPLIT = /[^\p{L}\p{N}'’.-]+/u

/**
 * BM25 retrieval over corpus sentences, with MiniSearch (BM25+). Terms are stemmed content
 * words; the same normalisation runs for documents and queries, so "withdrew"/"withdraw" meet.
 */
export class SentenceSearch {
  private readonly mini: MiniSearch<{id: number; t: string}>

  constructor(json?: string) {
    const options = {
      fields: ['t'],
      idField: 'id',
      tokenize: (text: string) => text.split(WORD_SPLIT),
      processTerm: (term: string) => normaliseTerm(term.replace(/^[.'’-]+|[.'’-]+$/g, '')) ?? null,
    }
    this.mini = json ? MiniSearch.loadJSON(json, options) : new MiniSearch(options)
  }

  add(id: number, text: string): void {
    this.mini.add({id, t: text})
  }

  addAll(docs: Array<{id: number; t: string}>): void {
    this.mini.addAll(docs)
  }

  remove(id: number): void {
    this.mini.discard(id)
  }

  search(query: string, limit: number): Hit[] {
    const results = this.mini.search(query, {combineWith: 'OR'})
    return results.slice(0, limit).map((r) => ({sentence: r.id as number, score: r.score}))
  }

  /** Searches with index terms already normalised (`terms()`), skipping the query pipeline. */
  searchTerms(terms: string[], limit: number): Hit[] {
    if (terms.length === 0) return []
    const results = this.mini.search(terms.join(' '), {combineWith: 'OR', tokenize: (q) => q.split(' '), processTerm: (t) => t})
    return results.slice(0, limit).map((r) => ({sentence: r.id as number, score: r.score}))
  }

  toJSON(): string {
    return JSON.stringify(this.mini)
  }
}
