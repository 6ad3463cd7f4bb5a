import {join, resolve} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadCorpus} from '../../server/src/engine/corpus/load'
import {terms} from '../../server/src/engine/index/terms'
import {PostgresStore} from '../../server/src/store/postgres/store'
import {ROOT, runCli} from '../helpers/cli'
import {freshDatabase} from './db'

const CORPORA = ['energy-grid', 'fisheries', 'transit', 'vaccination'].map((name) => join(ROOT, 'tests', 'fixtures', name, 'corpus'))

describe('a reader that has checked a draft asks the store once per new sentence (issue #18)', () => {
  it('answers sentences it never saw in one round trip when their new terms are rare, with the embedded index candidates', async () => {
    const url = await freshDatabase()
    expect((await runCli(['index', '--quiet', '--store', url, ...CORPORA])).code).toBe(0)
    const corpus = await loadCorpus(CORPORA, {baseDir: resolve(ROOT)})
    const store = await PostgresStore.open(url)
    try {
      const sentences = [...new Set(corpus.sentences.map((s) => s.text).filter((t) => terms(t).length > 0))]
      // Warm the reader with half the sentences (a checked draft); ask for the other half one by one (new sentences typed).
      await store.prefetch(sentences.filter((_, i) => i % 2 === 0))
      const trips = new Map<number, number>()
      for (const sentence of sentences.filter((_, i) => i % 2 === 1)) {
        const before = store.roundTrips
        const actual = await store.candidates(sentence, 40)
        const n = store.roundTrips - before
        trips.set(n, (trips.get(n) ?? 0) + 1)
        expect(actual.map((c) => [c.id, c.score])).toEqual(corpus.retrieve(sentence, 40).map((h) => [h.sentence, h.score]))
        for (const c of actual) expect(c.sentence).toEqual(corpus.sentences[c.id])
      }
      console.log(`round trips per new sentence: ${JSON.stringify(Object.fromEntries(trips))}`)
      // Some sentences need no statement (all in memory), most one; two only when a common word was never read.
      expect(trips.get(1) ?? 0).toBeGreaterThan(5 * (trips.get(2) ?? 0))
      expect([...trips.keys()].every((n) => n <= 2)).toBe(true)
    } finally {
      await store.close()
    }
  })
})
