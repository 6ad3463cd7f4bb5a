import {terms} from '../index/terms'

/** A source's index terms: what `SentenceIndex.build` reads (see `ParsedSource`). */
export interface SourceTerms {
  /** Distinct terms joined by newlines (terms hold no whitespace); `termIds` number them from 0. */
  vocabulary: string
  /** Where each sentence's terms start in `termIds`/`termTfs` (one more entry than sentences). */
  termStarts: Uint32Array
  termIds: Uint32Array
  /** Term frequency within the sentence, capped at 255 as the index stores it. */
  termTfs: Uint8Array
}

/**
 * Counts the index terms of a source's sentences, one sentence after another, against the
 * source's own vocabulary. One counter serves the parse (parsed-source.ts) and the disk cache,
 * which counts a source's terms again from its stored text when their stored copy is damaged.
 */
export class TermCounter {
  private readonly vocabulary: string[] = []
  private readonly ids = new Map<string, number>()
  private readonly starts: number[] = [0]
  private readonly termIds: number[] = []
  private readonly tfs: number[] = []

  /** Adds the next sentence; returns its BM25 length (its number of terms, capped at 65,535). */
  add(sentence: string): number {
    const words = terms(sentence)
    const counts = new Map<number, number>()
    for (const word of words) {
      let id = this.ids.get(word)
      if (id === undefined) {
        this.ids.set(word, (id = this.vocabulary.length))
        this.vocabulary.push(word)
      }
      counts.set(id, (counts.get(id) ?? 0) + 1)
    }
    for (const [id, tf] of counts) {
      this.termIds.push(id)
      this.tfs.push(Math.min(tf, 255))
    }
    this.starts.push(this.termIds.length)
    return Math.min(words.length, 65_535)
  }

  /** The counts in typed arrays. */
  finish(): SourceTerms {
    return {
      vocabulary: this.vocabulary.join('\n'),
      termStarts: Uint32Array.from(this.starts),
      termIds: Uint32Array.from(this.termIds),
      termTfs: Uint8Array.from(this.tfs),
    }
  }
}
