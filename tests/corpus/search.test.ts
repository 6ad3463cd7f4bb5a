import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {briefText, draftText} from '../../bench/lib/generate'
import type {Corpus} from '../../server/src/engine/corpus/corpus'
import {QUERY_TERMS} from '../../server/src/engine/corpus/corpus'
import {loadCorpus} from '../../server/src/engine/corpus/load'
import {B, K1} from '../../server/src/engine/index/sentence-index'
import {terms} from '../../server/src/engine/index/terms'

/**
 * The index as plain arrays, read from its serialised form (`toBuffer`), so the reference
 * below shares no code with `SentenceIndex.search`.
 */
function readIndex(buffer: Buffer) {
  const headerLength = buffer.readUInt32LE(4)
  const header = JSON.parse(buffer.subarray(8, 8 + headerLength).toString('utf8')) as {terms: string[]; docCount: number; averageLength: number}
  let at = 8 + headerLength + ((4 - (headerLength % 4)) % 4)
  const u32 = (count: number) => Array.from({length: count}, (_, i) => buffer.readUInt32LE(at + 4 * i))
  const offsets = u32(header.terms.length + 1)
  at += offsets.length * 4
  const total = offsets[header.terms.length]
  const ids = u32(total)
  at += total * 4
  const lengths = Array.from({length: header.docCount}, (_, i) => buffer.readUInt16LE(at + 2 * i))
  at += header.docCount * 2
  const tfs = Array.from(buffer.subarray(at, at + total))
  return {slot: new Map(header.terms.map((t, i) => [t, i])), offsets, ids, tfs, lengths, ...header}
}

/**
 * BM25 over every candidate, the definition `search` must answer: candidates are the sentences
 * holding one of the rarest terms whose postings fit the budget; every query term (rarest first)
 * adds to a candidate's score; best score first, ties to the lower id.
 */
function reference(index: ReturnType<typeof readIndex>, query: string[], limit: number, budget: number) {
  const slots = [...new Set(query)]
    .map((t) => index.slot.get(t))
    .filter((s): s is number => s !== undefined)
    .sort((a, b) => index.offsets[a + 1] - index.offsets[a] - (index.offsets[b + 1] - index.offsets[b]))
  const df = (slot: number) => index.offsets[slot + 1] - index.offsets[slot]
  const candidates = new Set<number>()
  let used = 0
  for (let k = 0; k < slots.length; k++) {
    if (k > 0 && used + df(slots[k]) > budget) break
    used += df(slots[k])
    for (let p = index.offsets[slots[k]]; p < index.offsets[slots[k] + 1]; p++) candidates.add(index.ids[p])
  }
  const scored = [...candidates].map((doc) => {
    let score = 0
    for (const slot of slots) {
      const p = index.ids.slice(index.offsets[slot], index.offsets[slot + 1]).indexOf(doc)
      if (p < 0) continue
      const tf = index.tfs[index.offsets[slot] + p]
      const idf = Math.log(1 + (index.docCount - df(slot) + 0.5) / (df(slot) + 0.5))
      const norm = 1 - B + (B * index.lengths[doc]) / index.averageLength
      score += idf * ((tf * (K1 + 1)) / (tf + K1 * norm))
    }
    return {sentence: doc, score}
  })
  return scored.sort((a, b) => b.score - a.score || a.sentence - b.sentence).slice(0, limit)
}

describe('sentence retrieval', () => {
  let corpus: Corpus
  let queries: string[][]
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefcheck-search-'))
    mkdirSync(join(dir, 'briefs'))
    for (let i = 0; i < 60; i++) writeFileSync(join(dir, 'briefs', `brief-${i}.md`), briefText(i).text)
    corpus = await loadCorpus([join(dir, 'briefs')], {baseDir: dir})
    // Queries as `Corpus.rank` makes them: the rarest distinct terms of each draft sentence.
    const sentences = draftText(1000, 60).split(/(?<=[.?!])\s+/)
    queries = sentences.map((s) => [...new Set(terms(s))].sort((a, b) => corpus.index.df(a) - corpus.index.df(b)).slice(0, QUERY_TERMS)).filter((q) => q.length > 1)
  }, 60_000)

  it('returns the same sentences and scores as BM25 over every candidate, whatever the budget', () => {
    const index = readIndex(corpus.index.toBuffer())
    expect(queries.length).toBeGreaterThan(40)
    let completed = 0
    // Small budgets leave most query terms to complete scores, where candidates are pruned.
    for (const budget of [1, 50, 400, 60_000]) {
      for (const query of queries) {
        const before = corpus.index.stats.completions
        const got = corpus.index.search(query, 40, budget)
        expect(got).toEqual(reference(index, query, 40, budget))
        const candidates = reference(index, query, Infinity, budget).length
        const lookups = corpus.index.stats.completions - before
        if (candidates > 40 && lookups > 0) completed++
      }
    }
    // Scores completed by the common terms are exercised, not only the candidate walk.
    expect(completed).toBeGreaterThan(20)
  })
})
