import {SPAN_FIELDS, type ParsedSource} from './parsed-source'
import type {CorpusSentence} from './types'

/** Fields per sentence in the list's own spans: text start/end, file start/end, page, section. */
const FIELDS = 6

/** Sentence objects kept once built: checks read the same retrieved sentences again and again (as many as the corpus memos keep, corpus.ts). */
const BUILT_LIMIT = 50_000

/**
 * Every corpus sentence, stored as integers into one text per source and read as
 * `list[id]` like an array (`ArrayLike<CorpusSentence>`, as the checks and the corpus store
 * interface expect).
 *
 * Why not an array of objects: 797,000 sentence objects were most of the heap at 10,000
 * briefs (issue #15). Here a sentence costs 28 bytes of typed arrays plus its text in the
 * source's string; its object is built when read (a sliced string, no copy) and a few
 * ten thousand recent ones are kept. Index access goes through a Proxy: measured at well under a
 * microsecond, against the tens of microseconds a check spends on each retrieved sentence.
 */
export class SentenceList implements Iterable<CorpusSentence> {
  readonly [id: number]: CorpusSentence
  private readonly built = new Map<number, CorpusSentence>()

  constructor(
    private readonly texts: string[] = [],
    private readonly spans = new Uint32Array(0),
    private readonly owners = new Uint32Array(0),
    private readonly sections: string[] = [],
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
    let count = 0
    for (const source of sources) count += source.spans.length / SPAN_FIELDS
    const spans = new Uint32Array(count * FIELDS)
    const owners = new Uint32Array(count)
    const firsts = new Uint32Array(sources.length + 1)
    const sections: string[] = []
    const sectionIds = new Map<string, number>()
    let id = 0
    sources.forEach((source, s) => {
      firsts[s] = id
      const global = source.sections.map((name) => {
        let g = sectionIds.get(name)
        if (g === undefined) {
          sections.push(name)
          sectionIds.set(name, (g = sections.length))
        }
        return g
      })
      const from = source.spans
      for (let at = 0; at < from.length; at += SPAN_FIELDS, id++) {
        const to = id * FIELDS
        spans[to] = from[at]
        spans[to + 1] = from[at + 1]
        spans[to + 2] = from[at + 2]
        spans[to + 3] = from[at + 3]
        spans[to + 4] = from[at + 4]
        spans[to + 5] = from[at + 5] > 0 ? global[from[at + 5] - 1] : 0
        owners[id] = s
      }
    })
    firsts[sources.length] = id
    return new SentenceList(
      sources.map((s) => s.text),
      spans,
      owners,
      sections,
      firsts,
    )
  }

  get length(): number {
    return this.owners.length
  }

  /** The sentence with this id (undefined outside the list, as an array answers). */
  at(id: number): CorpusSentence {
    let sentence = this.built.get(id)
    if (sentence) return sentence
    if (!(id >= 0 && id < this.owners.length && Number.isInteger(id))) return undefined as unknown as CorpusSentence
    const at = id * FIELDS
    const source = this.owners[id]
    sentence = {source, text: this.texts[source].slice(this.spans[at], this.spans[at + 1]), start: this.spans[at + 2], end: this.spans[at + 3]}
    if (this.spans[at + 5] > 0) sentence.section = this.sections[this.spans[at + 5] - 1]
    if (this.spans[at + 4] > 0) sentence.page = this.spans[at + 4]
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
    for (let id = 0; id < this.owners.length; id++) yield this.at(id)
  }

  map<T>(fn: (sentence: CorpusSentence, id: number) => T): T[] {
    const out: T[] = []
    for (let id = 0; id < this.owners.length; id++) out.push(fn(this.at(id), id))
    return out
  }

  filter(fn: (sentence: CorpusSentence, id: number) => boolean): CorpusSentence[] {
    const out: CorpusSentence[] = []
    for (let id = 0; id < this.owners.length; id++) if (fn(this.at(id), id)) out.push(this.at(id))
    return out
  }

  find(fn: (sentence: CorpusSentence, id: number) => boolean): CorpusSentence | undefined {
    for (let id = 0; id < this.owners.length; id++) if (fn(this.at(id), id)) return this.at(id)
    return undefined
  }

  some(fn: (sentence: CorpusSentence, id: number) => boolean): boolean {
    return this.find(fn) !== undefined
  }
}
