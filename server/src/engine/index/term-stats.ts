import {terms} from './terms'

/**
 * Document frequencies of index terms over corpus sentences, for IDF weights in figure
 * alignment: a shared rare word ("ceasefire") says more about two sentences than a shared
 * common one ("said").
 */
export class TermStats {
  private readonly df = new Map<string, number>()
  private count = 0

  addSentence(text: string): void {
    this.idfCache.clear()
    this.count++
    for (const term of new Set(terms(text))) this.df.set(term, (this.df.get(term) ?? 0) + 1)
  }

  private readonly idfCache = new Map<string, number>()

  /** Smoothed IDF; unseen terms get the highest weight. */
  idf(term: string): number {
    let value = this.idfCache.get(term)
    if (value === undefined) {
      const df = this.df.get(term) ?? 0
      value = Math.log(1 + (this.count + 1) / (df + 0.5))
      if (this.idfCache.size > 100_000) this.idfCache.clear()
      this.idfCache.set(term, value)
    }
    return value
  }

  /** Share of sentences holding the term (0..1). */
  share(term: string): number {
    return this.count === 0 ? 0 : (this.df.get(term) ?? 0) / this.count
  }

  get sentences(): number {
    return this.count
  }

  toJSON(): {count: number; df: Array<[string, number]>} {
    return {count: this.count, df: [...this.df]}
  }

  static fromJSON(json: {count: number; df: Array<[string, number]>}): TermStats {
    const stats = new TermStats()
    stats.count = json.count
    for (const [term, n] of json.df) stats.df.set(term, n)
    return stats
  }
}
