import {forEachWordSpan, termOfWord} from '../index/terms'

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
 * A term as the counters meet it: shared by every word that gives it, and carrying the id the
 * last counter to meet it gave it, so that a counter finds a word's id with one lookup (its word
 * in the table below) instead of two (word to term, term to id). With the word scan of terms.ts,
 * counting went from about 46 to 29 ms per MB of benchmark briefs (docs/scaling.md,
 * "Ingestion profile").
 */
interface TermSlot {
  term: string
  /** The counter (`TermCounter.serial`) that `id` belongs to. */
  counter: number
  id: number
}

/*
 * Word → its term's slot (null for a stop word), in an open-addressing hash table of typed
 * arrays whose words are kept as code units, not strings: a word of a sentence is found by the
 * hash `forEachWordSpan` took while scanning it and a comparison of its code units in place, and
 * only a word never met is sliced out of the sentence and normalised. The Map of words it
 * replaces needed a fresh substring per word (12.9 million of them in the 10,000 benchmark
 * briefs, of only 26,000 distinct words), hashed by V8 and soon garbage: `Map.get` of that string
 * was half of counting's CPU in a parse worker's profile (1.15 of 2.2 s over 10,000 briefs).
 * With this table, the counter's own arrays below and its Map of terms made only when needed,
 * counting fell from 22.3 to 12.8 CPU ms per MB of sentence text (bench/term-count.ts, 1,000
 * briefs, medians of three alternating runs each) and the one-thread parse from 0.056 to 0.044
 * CPU s per MB (bench/parse-thread.ts, 10,000 briefs; docs/scaling.md, "Ingestion profile").
 *
 * Bounded as `normaliseTerm`'s memo is: a corpus of 100 million words has millions of distinct
 * words (numbers above all). The table, its words and the term → slot Map are emptied together
 * when one is full; a counter that met a term before then finds its id again in its own `ids`
 * (a new slot starts with no counter). Words longer than `LONGEST_KEPT` are rare (and would
 * fill the store of code units): they are normalised each time they occur.
 */
const SLOTS_LIMIT = 200_000
/** Code units kept for all words; a word longer than `LONGEST_KEPT` is normalised every time. */
const UNITS_LIMIT = 1 << 22
const LONGEST_KEPT = 256
/**
 * Buckets at start and at most: at least twice the words (2^19 > 2 × SLOTS_LIMIT), so that a
 * probe soon meets an empty bucket and always ends.
 */
const FIRST_BUCKETS = 1 << 12
const MOST_BUCKETS = 1 << 19

/** Per bucket, 1 + the number of the word in it, or 0 when empty (linear probing). */
let buckets = new Int32Array(FIRST_BUCKETS)
/** Per word, in the order added: its hash, where its code units start in `units`, its length, its slot. */
let wordHashes = new Int32Array(FIRST_BUCKETS >> 1)
let wordStarts = new Int32Array(FIRST_BUCKETS >> 1)
let wordLengths = new Int32Array(FIRST_BUCKETS >> 1)
const wordSlots: Array<TermSlot | null> = []
let units = new Uint16Array(1 << 14)
let unitsUsed = 0
const slotOfTerm = new Map<string, TermSlot>()

/** The first bucket to probe for `hash` (its high bits folded in: the mask keeps the low ones). */
const bucketOf = (hash: number, mask: number): number => (hash ^ (hash >>> 15)) & mask

/**
 * The slot of the word `text` holds from `start` to `end`, whose `unitsHash` is `hash`; null for
 * a stop word. Exact: words are told apart by their code units, the hash only finds them.
 */
function slotOfSpan(text: string, start: number, end: number, hash: number): TermSlot | null {
  const length = end - start
  const mask = buckets.length - 1
  for (let at = bucketOf(hash, mask); ; at = (at + 1) & mask) {
    const word = buckets[at] - 1
    if (word < 0) break
    if (wordHashes[word] !== hash || wordLengths[word] !== length) continue
    const from = wordStarts[word]
    let k = 0
    while (k < length && units[from + k] === text.charCodeAt(start + k)) k++
    if (k === length) return wordSlots[word]
  }
  if (length > LONGEST_KEPT) return slotOfWord(text.slice(start, end))
  // Emptied before the word's slot is made, so that the slot is the one `slotOfTerm` keeps.
  if (wordSlots.length >= SLOTS_LIMIT || unitsUsed + length > UNITS_LIMIT) forgetAll()
  const slot = slotOfWord(text.slice(start, end))
  keep(text, start, length, hash, slot)
  return slot
}

/** The slot of a word's term, made when the term is new. */
function slotOfWord(word: string): TermSlot | null {
  const term = termOfWord(word)
  if (term === undefined) return null
  let slot = slotOfTerm.get(term)
  if (!slot) {
    if (slotOfTerm.size >= SLOTS_LIMIT) forgetAll()
    slotOfTerm.set(term, (slot = {term, counter: 0, id: 0}))
  }
  return slot
}

/** Adds a word not in the table (which has room for it: see `slotOfSpan`). */
function keep(text: string, start: number, length: number, hash: number, slot: TermSlot | null): void {
  if (unitsUsed + length > units.length) units = grown(units, unitsUsed + length)
  for (let k = 0; k < length; k++) units[unitsUsed + k] = text.charCodeAt(start + k)
  const word = wordSlots.length
  if (word === wordHashes.length) {
    wordHashes = grown(wordHashes, word + 1)
    wordStarts = grown(wordStarts, word + 1)
    wordLengths = grown(wordLengths, word + 1)
  }
  wordHashes[word] = hash
  wordStarts[word] = unitsUsed
  wordLengths[word] = length
  wordSlots.push(slot)
  unitsUsed += length
  if (2 * wordSlots.length <= buckets.length || buckets.length === MOST_BUCKETS) return place(word)
  // A larger table: every word again in its bucket under the new mask.
  buckets = new Int32Array(buckets.length * 2)
  for (let w = 0; w < wordSlots.length; w++) place(w)
}

/** Puts word number `word` in the first empty bucket from its hash's. */
function place(word: number): void {
  const mask = buckets.length - 1
  let at = bucketOf(wordHashes[word], mask)
  while (buckets[at] !== 0) at = (at + 1) & mask
  buckets[at] = word + 1
}

/** A copy of `array`, doubled until it holds `needed` entries. */
function grown<T extends Int32Array | Uint32Array | Uint16Array | Uint8Array>(array: T, needed: number): T {
  let size = array.length * 2
  while (size < needed) size *= 2
  const copy = new (array.constructor as new (size: number) => T)(size)
  copy.set(array)
  return copy
}

/**
 * The counter that last set a slot's `counter` (0 after the table was emptied). While it stays
 * one counter's own, no slot of a term that counter met has changed hands or been made anew, so
 * a slot not marked with that counter is a term new to it (`TermCounter.ids`).
 */
let claimant = 0

/** Marks `slot` with the counter's id for its term. */
function claim(slot: TermSlot, counter: number, id: number): void {
  slot.counter = counter
  slot.id = id
  claimant = counter
}

/** Empties the table, its words and the term → slot Map together. */
function forgetAll(): void {
  claimant = 0
  buckets.fill(0)
  wordSlots.length = 0
  unitsUsed = 0
  slotOfTerm.clear()
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
  /**
   * Term → id, made only once another counter or the emptying of the slots may have taken a
   * slot of a term met here; until then a slot not marked with this counter is a new term, and
   * `vocabulary` alone numbers the terms. A parse counts one source at a time, so that one
   * Map set per term and source is saved there: 14.6 against 12.8 CPU ms per MB of counting
   * (bench/term-count.ts, alternating runs).
   */
  private ids: Map<string, number> | undefined
  /**
   * `SourceTerms`'s arrays as they fill (`sentences` + 1 and `entries` used), typed from the
   * start (no copy of arrays of numbers into typed ones) and passed on by `finish` to the next
   * counter: making them anew for each source cost about 1 CPU ms per MB of counting more
   * (13.9 against 12.9, bench/term-count.ts, alternating runs).
   */
  private buffers: CountBuffers | undefined = takeBuffers()
  private sentences = 0
  private entries = 0

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
    const {buffers} = this
    if (buffers === undefined) throw new Error('TermCounter: add after finish')
    this.words = 0
    forEachWordSpan(sentence, this.countWord)
    const {counts, met} = this
    let entry = this.entries
    if (entry + met.length > buffers.termIds.length) {
      buffers.termIds = grown(buffers.termIds, entry + met.length)
      buffers.tfs = grown(buffers.tfs, entry + met.length)
    }
    const {termIds, tfs} = buffers
    for (let k = 0; k < met.length; k++) {
      const id = met[k]
      termIds[entry] = id
      tfs[entry++] = Math.min(counts[id], 255)
      counts[id] = 0
    }
    met.length = 0
    this.entries = entry
    if (++this.sentences === buffers.starts.length) buffers.starts = grown(buffers.starts, this.sentences + 1)
    buffers.starts[this.sentences] = entry
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
    const {vocabulary} = this
    if (this.ids === undefined && vocabulary.length > 0 && claimant !== this.serial) {
      this.ids = new Map(vocabulary.map((term, id) => [term, id]))
    }
    let id = this.ids?.get(slot.term)
    if (id === undefined) {
      id = vocabulary.length
      this.ids?.set(slot.term, id)
      vocabulary.push(slot.term)
      this.counts.push(0)
    }
    claim(slot, this.serial, id)
    return id
  }

  /** The counts in typed arrays; the counter is done (its arrays serve the next counter). */
  finish(): SourceTerms {
    const {buffers} = this
    if (buffers === undefined) throw new Error('TermCounter: finish called twice')
    this.buffers = undefined
    if (buffers.termIds.length <= SPARE_LIMIT && buffers.starts.length <= SPARE_LIMIT) spareBuffers = buffers
    return {
      vocabulary: this.vocabulary.join('\n'),
      termStarts: buffers.starts.slice(0, this.sentences + 1),
      termIds: buffers.termIds.slice(0, this.entries),
      termTfs: buffers.tfs.slice(0, this.entries),
    }
  }
}

/** The arrays a counter fills; `add` grows them as needed (`starts[0]`, never written, stays 0). */
interface CountBuffers {
  starts: Uint32Array
  termIds: Uint32Array
  tfs: Uint8Array
}

/** The arrays of the last finished counter, for the next one (counters mostly run one at a time). */
let spareBuffers: CountBuffers | undefined
/** Entries of arrays worth keeping: not those of one huge source for the rest of the process. */
const SPARE_LIMIT = 1 << 16

function takeBuffers(): CountBuffers {
  const spare = spareBuffers
  spareBuffers = undefined
  return spare ?? {starts: new Uint32Array(256), termIds: new Uint32Array(4096), tfs: new Uint8Array(4096)}
}
