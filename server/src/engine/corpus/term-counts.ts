import {forEachWordSpan} from '../index/terms'
import {slotOfSpan, type TermSlot} from './word-slots'

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

let counters = 0

/**
 * Counts the index terms of a source's sentences, one sentence after another, against the
 * source's own vocabulary. One counter serves the parse (parsed-source.ts) and the disk cache,
 * which counts a source's terms again from its stored text when their stored copy is damaged.
 * The terms are `terms()`'s, in its order (tests/corpus/term-counts.test.ts).
 */
export class TermCounter {
  private readonly serial = ++counters
  private readonly vocabulary: string[] = []
  /** Term → id: the authority; a slot's `id` is a shortcut to it. */
  private readonly ids = new Map<string, number>()
  private readonly starts: number[] = [0]
  private readonly termIds: number[] = []
  private readonly tfs: number[] = []

  /** Per term id, its count in the sentence being added (0 outside `add`). */
  private readonly counts: number[] = []
  /** Ids met in the sentence being added, in the order first met. */
  private readonly met: number[] = []
  /** Terms in the sentence being added. */
  private words = 0

  /**
   * Adds the next sentence; returns its BM25 length (its number of terms, capped at 65,535).
   * Counts go into arrays reused from sentence to sentence, not a Map per sentence: a cold
   * index adds 800,000 sentences, and those Maps were a visible share of its garbage (issue #15).
   */
  add(sentence: string): number {
    this.words = 0
    forEachWordSpan(sentence, this.countWord)
    const {counts, met} = this
    for (const id of met) {
      this.termIds.push(id)
      this.tfs.push(Math.min(counts[id], 255))
      counts[id] = 0
    }
    met.length = 0
    this.starts.push(this.termIds.length)
    return Math.min(this.words, 65_535)
  }

  /** Counts one word of the sentence being added (a bound function: no closure per sentence). */
  private readonly countWord = (text: string, start: number, end: number, hash: number): void => {
    const slot = slotOfSpan(text, start, end, hash)
    if (slot === null) return
    const id = slot.counter === this.serial ? slot.id : this.idOf(slot)
    if (this.counts[id] === 0) this.met.push(id)
    this.counts[id]++
    this.words++
  }

  /** The id of a term this counter has not met through `slot`: its own, or a new one. */
  private idOf(slot: TermSlot): number {
    let id = this.ids.get(slot.term)
    if (id === undefined) {
      this.ids.set(slot.term, (id = this.vocabulary.length))
      this.vocabulary.push(slot.term)
      this.counts.push(0)
    }
    slot.counter = this.serial
    slot.id = id
    return id
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
