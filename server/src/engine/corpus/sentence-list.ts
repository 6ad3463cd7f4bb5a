import {lastAtMost} from '../text/sorted'
import {SPAN_FIELDS, type ParsedSource} from './parsed-source'
import type {CorpusSentence} from './types'

/** Sentence objects kept once built: checks read the same retrieved sentences again and again (as many as the corpus memos keep, corpus.ts). */
const BUILT_LIMIT = 50_000

/** What the list reads of each source: its UTF-8 sentence texts, spans and section names. */
type SourceSentences = Pick<ParsedSource, 'spans' | 'sections'> & {text: Buffer}

/**
 * Every corpus sentence, read from the sources' own spans and UTF-8 texts and read as
 * `list[id]` like an array (`ArrayLike<CorpusSentence>`, as the checks and the corpus store
 * interface expect).
 *
 * Why not an array of objects: 797,000 sentence objects were most of the heap at 10,000
 * briefs (issue #15). Here a sentence costs the source's 28 bytes of spans plus its UTF-8
 * bytes (after a warm load, where the cache file's read put them); no copy of the spans is
 * made for the whole corpus. Its object is built when read (its text decoded then) and a few
 * ten thousand recent ones are kept. Index access goes through a Proxy: measured at well under a
 * microsecond, against the tens of microseconds a check spends on each retrieved sentence.
 */
export class SentenceList implements Iterable<CorpusSentence> {
  readonly [id: number]: CorpusSentence
  private readonly built = new Map<number, CorpusSentence>()

  constructor(
    private readonly sources: readonly SourceSentences[] = [],
    /** Id of each source's first sentence, and the count of all sentences last. */
    private readonly firsts = new Uint32Array(1),
  ) {
    const at = (id: number) => this.at(id)
    return new Proxy(this, {
      get(target, property, receiver) {
        if (typeof property === 'string') {
          const c = property.charCodeAt(0)
          if (c >= 48 && c <= 57) return at(Number(property))
        }
        return Reflect.get(target, property, receiver)
      },
    })
  }

  /** The list of the sentences of `sources`, in this order (ids follow it). */
  static fromSources(sources: readonly ParsedSource[]): SentenceList {
    const firsts = new Uint32Array(sources.length + 1)
    let id = 0
    sources.forEach((source, s) => {
      firsts[s] = id
      id += source.spans.length / SPAN_FIELDS
    })
    firsts[sources.length] = id
    const held = sources.map((source) => ({
      spans: source.spans,
      sections: source.sections,
      text: Buffer.from(source.text.buffer, source.text.byteOffset, source.text.byteLength),
    }))
    return new SentenceList(held, firsts)
  }

  get length(): number {
    return this.firsts[this.firsts.length - 1]
  }

  /** The sentence with this id (undefined outside the list, as an array answers). */
  at(id: number): CorpusSentence {
    let sentence = this.built.get(id)
    if (sentence) return sentence
    if (!(id >= 0 && id < this.length && Number.isInteger(id))) return undefined as unknown as CorpusSentence
    // The last source whose first id is ≤ id: a source without sentences shares its first id
    // with the next, so the last of equal ids is the one holding the sentence.
    const source = lastAtMost(this.firsts, id)
    const {spans, sections, text} = this.sources[source]
    const at = (id - this.firsts[source]) * SPAN_FIELDS
    sentence = {source, text: text.toString('utf8', spans[at], spans[at + 1]), start: spans[at + 2], end: spans[at + 3]}
    if (spans[at + 5] > 0) sentence.section = sections[spans[at + 5] - 1]
    if (spans[at + 4] > 0) sentence.page = spans[at + 4]
    if (this.built.size >= BUILT_LIMIT) this.built.clear()
    this.built.set(id, sentence)
    return sentence
  }

  /** Ids of one source's sentences: `[first, end)`. */
  rangeOfSource(source: number): {first: number; end: number} {
    if (!(source >= 0 && source < this.firsts.length - 1)) return {first: 0, end: 0}
    return {first: this.firsts[source], end: this.firsts[source + 1]}
  }

  *[Symbol.iterator](): Iterator<CorpusSentence> {
    for (let id = 0; id < this.length; id++) yield this.at(id)
  }

  map<T>(fn: (sentence: CorpusSentence, id: number) => T): T[] {
    const out: T[] = []
    for (let id = 0; id < this.length; id++) out.push(fn(this.at(id), id))
    return out
  }

  filter(fn: (sentence: CorpusSentence, id: number) => boolean): CorpusSentence[] {
    const out: CorpusSentence[] = []
    for (let id = 0; id < this.length; id++) if (fn(this.at(id), id)) out.push(this.at(id))
    return out
  }

  find(fn: (sentence: CorpusSentence, id: number) => boolean): CorpusSentence | undefined {
    for (let id = 0; id < this.length; id++) if (fn(this.at(id), id)) return this.at(id)
    return undefined
  }

  some(fn: (sentence: CorpusSentence, id: number) => boolean): boolean {
    return this.find(fn) !== undefined
  }
}
