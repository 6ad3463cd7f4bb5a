// The engine service (issue #12) and its failure isolation (issue #13): one sentence whose
// check fails loses its own findings only; a store that answers retrieval only after a
// prefetch (as a database store does) gives the same findings as the embedded corpus.
import {describe, expect, it} from 'vitest'
import {checkDraft} from '../../server/src/engine/check'
import {DEFAULT_CONFIG} from '../../server/src/engine/config'
import {CheckDropped, createEngine} from '../../server/src/engine/service'
import {MemoryStore} from '../../server/src/engine/store/memory'
import type {CorpusView, Hit} from '../../server/src/engine/store/types'
import {tinyCorpus} from '../helpers/tiny-corpus'

const corpus = tinyCorpus()
const DRAFT = 'The Orrin Dam will stand 90 metres tall.\n\nThe authority put the total cost at $9.4 billion.\n'
const show = (r: {messages: Array<{ruleId: string; startOffset: number; reason: string}>}) => r.messages.map((m) => `${m.startOffset} ${m.ruleId} ${m.reason}`)

/** The corpus with retrieval failing for queries that mention `word`: a fault in one sentence's check. */
function failingOn(word: string): CorpusView {
  return new Proxy(corpus, {
    get(target, key) {
      if (key === 'retrieve') {
        return (query: string, limit?: number) => {
          if (query.includes(word)) throw new RangeError(`cannot read ${word}`)
          return target.retrieve(query, limit)
        }
      }
      const value = Reflect.get(target, key, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/** A view that, like a database store's, answers only the queries prefetched into it and names the others. */
function prefetchingStore() {
  const answered = new Map<string, Hit[]>()
  const missed = new Set<string>()
  const view = new Proxy(corpus, {
    get(target, key) {
      if (key === 'retrieve') {
        return (query: string, limit = 20) => {
          const hits = answered.get(query)
          if (!hits) {
            missed.add(query)
            return []
          }
          return hits.slice(0, limit)
        }
      }
      if (key === 'takeMissed') {
        return () => {
          const out = [...missed]
          missed.clear()
          return out
        }
      }
      const value = Reflect.get(target, key, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  }) as CorpusView
  const store = new MemoryStore(corpus)
  const prefetched: string[] = []
  store.view = () => view
  store.prefetch = async (queries) => {
    for (const q of queries) {
      prefetched.push(q)
      answered.set(q, corpus.retrieve(q, 40))
    }
  }
  return {store, prefetched}
}

describe('the engine service', () => {
  it('drops only the findings of a sentence whose check fails, and says why', () => {
    const whole = checkDraft(DRAFT, {corpus, config: DEFAULT_CONFIG})
    expect(whole.messages.some((m) => m.reason.includes('9.4'))).toBe(true)
    const result = checkDraft(DRAFT, {corpus: failingOn('cost'), config: DEFAULT_CONFIG})
    expect(result.skipped).toEqual([{start: DRAFT.indexOf('The authority'), end: DRAFT.indexOf('billion.') + 'billion.'.length, reason: 'cannot read cost'}])
    // The other sentence keeps its findings.
    expect(show(result)).toEqual(show(whole).filter((line) => Number(line.split(' ')[0]) < DRAFT.indexOf('The authority')))
  })

  it('prefetches the queries a store could not answer and gives the embedded corpus’s findings', async () => {
    const {store, prefetched} = prefetchingStore()
    const engine = createEngine({store, config: DEFAULT_CONFIG})
    const result = await engine.check('file:///draft.md', 1, DRAFT)
    expect(prefetched.length).toBeGreaterThan(0)
    expect(show(result)).toEqual(show(checkDraft(DRAFT, {corpus, config: DEFAULT_CONFIG})))
  })

  it('keeps the result per URI and version, and drops a run superseded by a newer text', async () => {
    const engine = createEngine({store: new MemoryStore(corpus), config: DEFAULT_CONFIG})
    const first = engine.check('file:///a.md', 1, DRAFT.repeat(3), {sliceMs: 0})
    const second = engine.check('file:///a.md', 2, DRAFT, {sliceMs: 0})
    await expect(first).rejects.toBeInstanceOf(CheckDropped)
    expect(show(await second)).toEqual(show(checkDraft(DRAFT, {corpus, config: DEFAULT_CONFIG})))
    // A second caller of the same version joins the finished result.
    expect(await engine.check('file:///a.md', 2, DRAFT)).toBe(await second)
    expect(engine.result('file:///a.md', 1)).toBeUndefined()
    engine.configure({config: {...DEFAULT_CONFIG, rules: {'figure-conflict': 'off'}}})
    expect(engine.result('file:///a.md', 2)).toBeUndefined()
  })
})

describe('inputs that need less than a check (issue #12)', () => {
  const TEXT = '---\nreferences:\n- id: castell2020\n  title: Field notes\n---\n\n# Dams\n\nThe Orrin Dam will stand 90 metres tall.\n'

  it('reads the outline and the front-matter bibliography without checking, and the check reuses the read', async () => {
    const engine = createEngine({store: new MemoryStore(corpus), config: DEFAULT_CONFIG})
    expect(engine.bibliography('file:///d.md', 1, TEXT).entries.map((e) => e.key)).toEqual(['castell2020'])
    const draft = await engine.draft('file:///d.md', 1, TEXT, {sliceMs: 0})
    expect(draft.blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual(['Dams'])
    expect(engine.result('file:///d.md', 1)).toBeUndefined()
    const result = await engine.check('file:///d.md', 1, TEXT)
    expect(result.analysis.draft).toBe(draft)
    expect(result.analysis.bibliography.entries.map((e) => e.key)).toEqual(['castell2020'])
  })

  it("drops a read that a newer version's read replaced", async () => {
    const engine = createEngine({store: new MemoryStore(corpus), config: DEFAULT_CONFIG})
    const long = Array.from({length: 300}, (_, i) => `Paragraph ${i} says 12% of ${i} dams.`).join('\n\n')
    const older = engine.draft('file:///d.md', 1, long, {sliceMs: 0})
    const newer = engine.draft('file:///d.md', 2, `${long}\n\nMore.\n`, {sliceMs: 0})
    await expect(older).rejects.toBeInstanceOf(CheckDropped)
    expect((await newer).blocks.at(-1)?.text).toBe('More.')
  })
})
