import {termOfWord} from '../index/terms'

/**
 * A term as the counters meet it: shared by every word that gives it, and carrying the id the
 * last counter to meet it gave it, so that a counter finds a word's id with one lookup (its word
 * in the table below) instead of two (word to term, term to id). With the word scan of terms.ts,
 * counting went from about 46 to 29 ms per MB of benchmark briefs (docs/scaling.md,
 * "Ingestion profile").
 */
export interface TermSlot {
  term: string
  /** The counter (`TermCounter.serial` in term-counts.ts) that `id` belongs to. */
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
 * FIGURES
 *
 * Bounded as `normaliseTerm`'s memo is: a corpus of 100 million words has millions of distinct
 * words (numbers above all). The table, its words and the term → slot Map are emptied together
 * when one is full; a counter that met a term before then finds its id again in its own `ids`
 * (a new slot starts with no counter).
 */
const SLOTS_LIMIT = 200_000
/** Code units kept for all words; a word longer than `LONGEST_KEPT` is normalised every time. */
const UNITS_LIMIT = 1 << 22
const LONGEST_KEPT = 256
/** Buckets at start and at most: twice the words or more, so a probe soon meets an empty bucket. */
const FIRST_BUCKETS = 1 << 12
const MOST_BUCKETS = 1 << 19

/** Per bucket, 1 + the number of the word in it, or 0 when empty. */
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
export function slotOfSpan(text: string, start: number, end: number, hash: number): TermSlot | null {
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
  if (2 * wordSlots.length > buckets.length && buckets.length < MOST_BUCKETS) buckets = new Int32Array(buckets.length * 2)
  else {
    place(word)
    return
  }
  // A larger table: every word again in its bucket under the new mask.
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
function grown<T extends Int32Array | Uint16Array>(array: T, needed: number): T {
  let size = array.length * 2
  while (size < needed) size *= 2
  const copy = new (array.constructor as new (size: number) => T)(size)
  copy.set(array)
  return copy
}

/** Empties the table, its words and the term → slot Map together. */
function forgetAll(): void {
  buckets.fill(0)
  wordSlots.length = 0
  unitsUsed = 0
  slotOfTerm.clear()
}
